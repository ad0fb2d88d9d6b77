// Owns sniffing an image's pixel size from the first bytes of its base64 (PNG, JPEG, GIF).

export interface ImageSize {
  width: number;
  height: number;
}

/** Enough base64 for the PNG/GIF header; JPEG needs to hop over EXIF segments, so it gets more. */
const SMALL_PREFIX = 64;
const JPEG_PREFIX = 96 * 1024;

/** Size from a `data:` URL or bare base64; null when unknown, malformed or another format. */
export function sniffImageSize(dataUrlOrBase64: string): ImageSize | null {
  const comma = dataUrlOrBase64.startsWith('data:') ? dataUrlOrBase64.indexOf(',') : -1;
  const start = comma + 1;
  const head = decodePrefix(dataUrlOrBase64, start, SMALL_PREFIX);
  if (!head || head.length < 10) return null;
  if (head[0] === 0x89 && head[1] === 0x50 && head[2] === 0x4e && head[3] === 0x47) return png(head);
  if (head[0] === 0x47 && head[1] === 0x49 && head[2] === 0x46) return gif(head);
  if (head[0] === 0xff && head[1] === 0xd8) {
    const more = decodePrefix(dataUrlOrBase64, start, JPEG_PREFIX);
    return more ? jpeg(more) : null;
  }
  return null;
}

function decodePrefix(text: string, start: number, maxChars: number): Uint8Array | null {
  const end = Math.min(text.length, start + maxChars);
  const usable = start + Math.floor((end - start) / 4) * 4;
  try {
    const bin = atob(text.slice(start, usable));
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return bytes;
  } catch {
    return null;
  }
}

function valid(width: number, height: number): ImageSize | null {
  return width > 0 && height > 0 ? { width, height } : null;
}

function png(b: Uint8Array): ImageSize | null {
  if (b.length < 24) return null;
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  return valid(view.getUint32(16), view.getUint32(20));
}

function gif(b: Uint8Array): ImageSize | null {
  return valid(b[6]! | (b[7]! << 8), b[8]! | (b[9]! << 8));
}

function jpeg(b: Uint8Array): ImageSize | null {
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return null;
    const marker = b[i + 1]!;
    if (marker === 0xff) {
      i++; // fill byte
      continue;
    }
    // SOF0..SOF15 carry the frame size; C4 (DHT), C8 (JPG) and CC (DAC) share the range but do not.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return valid((b[i + 7]! << 8) | b[i + 8]!, (b[i + 5]! << 8) | b[i + 6]!);
    }
    i += 2 + ((b[i + 2]! << 8) | b[i + 3]!);
  }
  return null;
}
