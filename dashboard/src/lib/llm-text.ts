// Owns reading the answer text out of OpenAI Chat, Anthropic Messages and Responses bodies and stream events.

type Rec = Record<string, unknown>;

const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

export interface TextDelta {
  text: string;
  reasoning: string;
}

/** The text one streamed event adds, recognised by its shape (any of the three protocols). */
export function deltaFromEvent(data: unknown): TextDelta {
  const out = { text: '', reasoning: '' };
  if (!isRec(data)) return out;
  if (Array.isArray(data.choices)) {
    for (const c of data.choices) {
      if (!isRec(c)) continue;
      const d = isRec(c.delta) ? c.delta : {};
      out.text += str(d.content) + str(c.text);
      out.reasoning += str(d.reasoning_content) + str(d.reasoning);
    }
    return out;
  }
  if (data.type === 'content_block_delta' && isRec(data.delta)) {
    out.text += str(data.delta.text);
    out.reasoning += str(data.delta.thinking);
    return out;
  }
  if (data.type === 'response.output_text.delta') out.text += str(data.delta);
  if (
    data.type === 'response.reasoning_summary_text.delta' ||
    data.type === 'response.reasoning_text.delta'
  ) {
    out.reasoning += str(data.delta);
  }
  return out;
}

/** The whole text of a stream, from its parsed events. */
export function textFromEvents(events: { data: unknown }[]): TextDelta {
  const out = { text: '', reasoning: '' };
  for (const e of events) {
    const d = deltaFromEvent(e.data);
    out.text += d.text;
    out.reasoning += d.reasoning;
  }
  return out;
}

/** The text of a complete (non-streamed) response body in any of the three protocols. */
export function textFromResponse(body: unknown): TextDelta {
  const out = { text: '', reasoning: '' };
  if (!isRec(body)) return out;
  if (Array.isArray(body.choices)) {
    for (const c of body.choices) {
      if (!isRec(c)) continue;
      const m = isRec(c.message) ? c.message : {};
      out.text += str(m.content) + str(c.text);
      out.reasoning += str(m.reasoning_content);
    }
  } else if (Array.isArray(body.content)) {
    for (const b of body.content) {
      if (!isRec(b)) continue;
      if (b.type === 'text') out.text += str(b.text);
      if (b.type === 'thinking') out.reasoning += str(b.thinking);
    }
  } else if (Array.isArray(body.output)) {
    for (const item of body.output) {
      if (!isRec(item) || !Array.isArray(item.content)) continue;
      for (const part of item.content) if (isRec(part)) out.text += str(part.text);
    }
  }
  return out;
}
