// Owns the bridge to Bedrock Converse: every chat-like client through Chat, the model id in the URL, never in the body.
import { chatRequestToConverse } from '../protocols/bedrock/chat-to-converse-request';
import { converseResponseToChat } from '../protocols/bedrock/converse-to-chat-response';
import { createConverseToChatStream } from '../protocols/bedrock/converse-to-chat-stream';
import { ConversionError } from '../protocols/types';
import { upstreamUrl } from '../protocols/upstream';
import type { Bridge } from './bridge-types';
import {
  type ClientShape,
  chatToClientStream,
  clientError,
  compose,
  fromChatResponse,
  toChatRequest,
} from './conversions';
import { clientJson, responseOptions } from './responses-bodies';

/** A chat-like client → Converse / ConverseStream. */
export function converseBridge(shape: ClientShape): Bridge {
  return {
    url: (req, c) =>
      upstreamUrl(c.provider, '/converse', { model: c.link.targetModelName, stream: req.stream }),
    identity: false,
    prepare(req, candidate) {
      if (req.body.kind !== 'json') throw new ConversionError('form bodies cannot be sent to Bedrock');
      const chat = toChatRequest[shape](clientJson(req), req);
      const defaults = candidate.provider.options.default_parameters ?? {};
      for (const key of ['temperature', 'top_p', 'top_k', 'max_tokens'] as const) {
        if (typeof defaults[key] === 'number' && chat[key] === undefined) chat[key] = defaults[key];
      }
      const text = JSON.stringify(chatRequestToConverse(chat));
      return { body: text, contentType: 'application/json', converted: text };
    },
    convertResponse: (json, req, candidate) =>
      fromChatResponse[shape](
        converseResponseToChat(json, req.model),
        clientJson(req),
        responseOptions(req, candidate),
      ),
    streamConverter(req, candidate) {
      const includeUsage = shape !== 'chat' || req.clientAskedUsage;
      return compose(
        createConverseToChatStream({ includeUsage, model: req.model }),
        chatToClientStream(shape, clientJson(req), responseOptions(req, candidate)),
      );
    },
    convertError: (status, text) => clientError[shape](status, text),
  };
}
