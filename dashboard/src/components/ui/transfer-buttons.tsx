// Owns the Import / Export button pair of a list page: a hidden file picker for JSON, and the download.
import { useRef, useState } from 'react';
import { useT } from '../../lib/i18n';

export function TransferButtons({
  onImport,
  onExport,
}: {
  onImport: (file: File) => Promise<void>;
  onExport: () => Promise<void>;
}) {
  const t = useT();
  const fileRef = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState<'import' | 'export' | null>(null);

  async function run(kind: 'import' | 'export', task: () => Promise<void>) {
    setBusy(kind);
    try {
      await task();
    } finally {
      setBusy(null);
      if (fileRef.current) fileRef.current.value = '';
    }
  }

  return (
    <>
      <button type="button" className="btn" disabled={busy !== null} onClick={() => fileRef.current?.click()}>
        {busy === 'import' ? t('common.importing') : t('common.import')}
      </button>
      <input
        ref={fileRef}
        type="file"
        accept="application/json,.json"
        hidden
        data-testid="import-file"
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) void run('import', () => onImport(file));
        }}
      />
      <button type="button" className="btn" disabled={busy !== null} onClick={() => run('export', onExport)}>
        {t('common.export')}
      </button>
    </>
  );
}
