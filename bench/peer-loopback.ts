// Preloaded into the peer gateway's Node process: its server binds to loopback instead of every interface.
import { Server } from 'node:net';

const listen = Server.prototype.listen;

function listenOnLoopback(this: Server, ...args: unknown[]): Server {
  // `listen(port, undefined, cb)` and `listen(port, cb)` mean "all interfaces"; pin them to 127.0.0.1.
  if (typeof args[0] === 'number') {
    if (args[1] === undefined || typeof args[1] === 'function')
      args.splice(1, args[1] === undefined ? 1 : 0, '127.0.0.1');
  }
  return Reflect.apply(listen, this, args) as Server;
}

Server.prototype.listen = listenOnLoopback as typeof listen;
