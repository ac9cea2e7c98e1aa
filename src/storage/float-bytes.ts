/** Value rows are stored as the bytes of a Float64Array (one blob per organisation). */

export const toBytes = (values: Float64Array): Uint8Array =>
  new Uint8Array(values.buffer, values.byteOffset, values.byteLength);

export function toValues(bytes: Uint8Array): Float64Array {
  // A view needs 8-byte alignment; drivers hand out slices of larger buffers.
  if (bytes.byteOffset % 8 === 0)
    return new Float64Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 8);
  return new Float64Array(bytes.slice().buffer);
}
