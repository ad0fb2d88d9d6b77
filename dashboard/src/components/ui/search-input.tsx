// Owns a text filter that commits to the URL after the user pauses typing (or presses Enter).
import { useEffect, useRef, useState } from 'react';

export function SearchInput({
  value,
  onCommit,
  placeholder,
  label,
  delay = 400,
  name,
}: {
  value: string | undefined;
  onCommit: (value: string | undefined) => void;
  placeholder?: string;
  label: string;
  delay?: number;
  name?: string;
}) {
  const [text, setText] = useState(value ?? '');
  const committed = useRef(value ?? '');
  const commitRef = useRef(onCommit);
  commitRef.current = onCommit;

  // Follow outside changes (back button, "clear filters").
  useEffect(() => {
    committed.current = value ?? '';
    setText(value ?? '');
  }, [value]);

  useEffect(() => {
    if (text === committed.current) return;
    const timer = setTimeout(() => {
      committed.current = text;
      commitRef.current(text.trim() || undefined);
    }, delay);
    return () => clearTimeout(timer);
  }, [text, delay]);

  return (
    <input
      className="input"
      type="search"
      name={name}
      aria-label={label}
      placeholder={placeholder ?? label}
      value={text}
      onChange={(e) => setText(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          committed.current = text;
          commitRef.current(text.trim() || undefined);
        }
      }}
    />
  );
}
