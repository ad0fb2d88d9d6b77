// Owns copying text to the clipboard, with a fallback for pages served over plain HTTP.
import { useState } from 'react';
import { useT } from '../../lib/i18n';

export async function copyText(text: string): Promise<void> {
  if (navigator.clipboard && window.isSecureContext) {
    await navigator.clipboard.writeText(text);
    return;
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  document.execCommand('copy');
  area.remove();
}

export function CopyButton({ text, label, small }: { text: string; label?: string; small?: boolean }) {
  const t = useT();
  const [done, setDone] = useState(false);
  return (
    <button
      type="button"
      className={small ? 'btn btn-sm' : 'btn'}
      onClick={async () => {
        await copyText(text);
        setDone(true);
        setTimeout(() => setDone(false), 1500);
      }}
    >
      {done ? t('common.copied') : (label ?? t('common.copy'))}
    </button>
  );
}
