// The floor: a bare Worker that forwards each request to the upstream and returns its response, nothing else.

interface PassthroughEnv {
  /** Origin plus path prefix the request path is appended to, e.g. `http://127.0.0.1:9100/p/pt`. */
  UPSTREAM: string;
}

export default {
  fetch(request: Request, env: PassthroughEnv): Promise<Response> {
    const url = new URL(request.url);
    return fetch(new Request(env.UPSTREAM + url.pathname + url.search, request));
  },
};
