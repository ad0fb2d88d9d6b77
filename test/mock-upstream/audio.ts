// OpenAI audio: speech (binary bytes with an audio content type), transcriptions and translations.
import { snippet } from './content.ts';
import { UpstreamError } from './errors.ts';
import { field } from './media.ts';
import { requireModel } from './openai-chat.ts';
import type { MockRequest, Reply, Route } from './types.ts';
import { asString } from './values.ts';

const SPEECH_FORMATS: Record<string, { type: string; magic: number[] }> = {
  mp3: { type: 'audio/mpeg', magic: [0xff, 0xfb, 0x90, 0x64] },
  opus: { type: 'audio/opus', magic: [0x4f, 0x67, 0x67, 0x53] },
  aac: { type: 'audio/aac', magic: [0xff, 0xf1, 0x50, 0x80] },
  flac: { type: 'audio/flac', magic: [0x66, 0x4c, 0x61, 0x43] },
  wav: { type: 'audio/wav', magic: [] },
  pcm: { type: 'audio/pcm', magic: [] },
};
const MAX_SPEECH_BYTES = 1 << 20;

/** A WAV header for 24 kHz 16-bit mono PCM, so `wav` replies open in real decoders. */
function wavHeader(dataBytes: number): Buffer {
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + dataBytes, 4);
  header.write('WAVEfmt ', 8, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(24_000, 24);
  header.writeUInt32LE(48_000, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(dataBytes, 40);
  return header;
}

function speechBytes(format: string, size: number): Buffer {
  if (format === 'wav') return Buffer.concat([wavHeader(size), Buffer.alloc(size)]);
  const bytes = Buffer.alloc(size);
  Buffer.from(SPEECH_FORMATS[format]?.magic ?? []).copy(bytes);
  return bytes;
}

export const speechRoute: Route = {
  path: 'audio/speech',
  method: 'POST',
  protocol: 'openai',
  prepare(req) {
    const model = requireModel(req.json);
    const input = asString(req.json?.input);
    if (!input) throw new UpstreamError(400, "'input' is a required property");
    if (!asString(req.json?.voice)) throw new UpstreamError(400, "'voice' is a required property");
    const format = asString(req.json?.response_format) ?? 'mp3';
    const spec = SPEECH_FORMATS[format];
    if (!spec) throw new UpstreamError(400, `Invalid value for 'response_format': '${format}'.`);
    return {
      model,
      prompt: input,
      run(ctx): Reply {
        const wanted = ctx.settings.responseBytes > 0 ? ctx.settings.responseBytes : 1024 + input.length * 64;
        const body = speechBytes(format, Math.min(MAX_SPEECH_BYTES, wanted));
        return { kind: 'bytes', status: 200, contentType: spec.type, body };
      },
    };
  },
};

function audioFile(req: MockRequest): File {
  const file = req.form?.get('file');
  if (!file || typeof file === 'string') throw new UpstreamError(400, "'file' is a required property");
  return file;
}

function timestamp(seconds: number, separator: string): string {
  const ms = Math.round(seconds * 1000);
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor(ms / 60_000) % 60;
  const s = Math.floor(ms / 1000) % 60;
  return `${pad(h)}:${pad(m)}:${pad(s)}${separator}${pad(ms % 1000, 3)}`;
}

function transcriptReply(
  task: 'transcribe' | 'translate',
  req: MockRequest,
  text: string,
  size: number,
): Reply {
  const format = field(req, 'response_format') ?? 'json';
  // About 16 kB of compressed audio a second; only the order of magnitude matters.
  const duration = Math.max(0.1, Math.round((size / 16_000) * 100) / 100);
  const end = timestamp(duration, ',');
  const textReply = (body: string, contentType = 'text/plain; charset=utf-8'): Reply => ({
    kind: 'bytes',
    status: 200,
    contentType,
    body,
  });
  switch (format) {
    case 'text':
      return textReply(`${text}\n`);
    case 'srt':
      return textReply(`1\n00:00:00,000 --> ${end}\n${text}\n\n`);
    case 'vtt':
      return textReply(`WEBVTT\n\n00:00:00.000 --> ${timestamp(duration, '.')}\n${text}\n\n`);
    case 'verbose_json': {
      const words = req.form?.getAll('timestamp_granularities[]').includes('word')
        ? text.split(' ').map((word, i, all) => ({
            word,
            start: (duration * i) / all.length,
            end: (duration * (i + 1)) / all.length,
          }))
        : undefined;
      const segment = {
        id: 0,
        seek: 0,
        start: 0,
        end: duration,
        text,
        tokens: [50364],
        temperature: 0,
        avg_logprob: -0.2,
        compression_ratio: 1,
        no_speech_prob: 0.01,
      };
      const json = { task, language: 'english', duration, text, segments: [segment], words };
      return { kind: 'json', status: 200, body: JSON.stringify(json) };
    }
    case 'json':
      return {
        kind: 'json',
        status: 200,
        body: JSON.stringify({ text, usage: { type: 'duration', seconds: Math.ceil(duration) } }),
      };
    default:
      throw new UpstreamError(400, `Invalid value for 'response_format': '${format}'.`);
  }
}

function transcriptRoute(path: string, task: 'transcribe' | 'translate'): Route {
  return {
    path,
    method: 'POST',
    protocol: 'openai',
    prepare(req) {
      if (!req.form) throw new UpstreamError(400, 'Expected a multipart/form-data body.');
      const model = field(req, 'model');
      if (!model) throw new UpstreamError(400, 'you must provide a model parameter');
      const file = audioFile(req);
      const hint = field(req, 'prompt');
      return {
        model,
        prompt: hint ?? file.name,
        run(): Reply {
          const text = `Echo: ${snippet(hint ?? `${file.name} (${file.size} bytes)`)}`;
          return transcriptReply(task, req, text, file.size);
        },
      };
    },
  };
}

export const transcriptionsRoute = transcriptRoute('audio/transcriptions', 'transcribe');
export const translationsRoute = transcriptRoute('audio/translations', 'translate');
