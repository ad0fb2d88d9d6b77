// Owns rendering a request as a conversation: system, messages by role, tool calls/results, images, tools.
import { useMemo } from 'react';
import { JsonView } from '../../../components/ui/json-view';
import { useT } from '../../../lib/i18n';
import { normalizePrompt, type PromptPart } from './normalize';

function remoteHost(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.host : null;
  } catch {
    return null;
  }
}

/**
 * Inline (`data:`) images are shown; a remote image is only a link, opened on click: loading it
 * would tell its server when an admin reads this log (and the CSP refuses remote images anyway).
 */
function ImagePart({ url }: { url: string }) {
  const t = useT();
  if (!url) return <span className="muted">[{t('prompt.image')}]</span>;
  if (url.startsWith('data:image/')) {
    return (
      <span className="prompt-image">
        <img src={url} alt={t('prompt.image')} loading="lazy" />
      </span>
    );
  }
  const host = remoteHost(url);
  if (!host) return <span className="muted">[{t('prompt.image')}]</span>;
  return (
    <a href={url} target="_blank" rel="noreferrer noopener" className="prompt-image-link">
      {t('prompt.remoteImage', { host })}
    </a>
  );
}

function Part({ part }: { part: PromptPart }) {
  const t = useT();
  switch (part.kind) {
    case 'text':
      return <div className="prompt-text">{part.text}</div>;
    case 'image':
      return <ImagePart url={part.url} />;
    case 'tool_call':
      return (
        <div className="prompt-tool">
          <div className="prompt-tool-head">
            ƒ <strong>{part.name}</strong> <span className="muted mono">{part.id}</span>
          </div>
          <pre className="code wrap">{part.args}</pre>
        </div>
      );
    case 'tool_result':
      return (
        <div className="prompt-tool">
          <div className="prompt-tool-head">
            ↩ {t('prompt.toolResult')} <span className="muted mono">{part.id}</span>
          </div>
          <pre className="code wrap">{part.text}</pre>
        </div>
      );
    case 'thinking':
      return (
        <details className="prompt-thinking">
          <summary>{t('prompt.thinking')}</summary>
          <div className="prompt-text">{part.text}</div>
        </details>
      );
    default:
      return <JsonView value={part.value} maxHeight={200} />;
  }
}

export function PromptView({ body }: { body: unknown }) {
  const t = useT();
  const view = useMemo(() => normalizePrompt(body), [body]);
  if (!view) return <JsonView value={body} emptyText={t('logs.noBody')} />;
  return (
    <div className="stack" data-testid="prompt-view">
      {Object.keys(view.params).length > 0 && (
        <div className="prompt-params">
          {Object.entries(view.params).map(([k, v]) => (
            <span key={k} className="badge badge-muted mono">
              {k}: {typeof v === 'string' ? v : JSON.stringify(v)}
            </span>
          ))}
        </div>
      )}
      {view.system.map((s, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: system blocks are ordered text without ids
        <div key={i} className="prompt-msg role-system">
          <div className="prompt-role">system</div>
          <div className="prompt-text">{s}</div>
        </div>
      ))}
      {view.messages.map((m, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: messages are ordered without ids
        <div key={i} className={`prompt-msg role-${m.role}`}>
          <div className="prompt-role">{m.role}</div>
          {m.parts.map((p, j) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: parts are ordered without ids
            <Part key={j} part={p} />
          ))}
        </div>
      ))}
      {view.tools.length > 0 && (
        <div className="stack-sm">
          <h3>{t('prompt.tools', { n: view.tools.length })}</h3>
          {view.tools.map((tool) => (
            <details key={tool.name} className="prompt-tool">
              <summary>
                ƒ <strong>{tool.name}</strong> <span className="muted">{tool.description}</span>
              </summary>
              <JsonView value={tool.schema} maxHeight={300} />
            </details>
          ))}
        </div>
      )}
    </div>
  );
}
