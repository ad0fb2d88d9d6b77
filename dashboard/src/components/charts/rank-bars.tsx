// Owns a ranked list with proportional bars (top models by cost or tokens).

export interface RankItem {
  name: string;
  value: number;
  detail?: string;
}

export function RankBars({ items, format }: { items: RankItem[]; format: (n: number) => string }) {
  const max = Math.max(0, ...items.map((i) => i.value));
  return (
    <ol className="rank-bars">
      {items.map((item, i) => (
        <li key={item.name} title={item.detail}>
          <span className="rank-index">{i + 1}</span>
          <span className="rank-name">{item.name}</span>
          <span className="rank-value">{format(item.value)}</span>
          <span className="rank-track" aria-hidden="true">
            <span className="rank-fill" style={{ width: `${max > 0 ? (item.value / max) * 100 : 0}%` }} />
          </span>
        </li>
      ))}
    </ol>
  );
}
