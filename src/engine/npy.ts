import { readFileSync, writeFileSync } from 'node:fs';
import { ConfigError } from './errors.ts';

/**
 * NumPy's .npy format, version 1.0 (numpy.org/doc/stable/reference/generated/numpy.lib.format.html), the
 * interop format with PyTorch/NumPy: little-endian float32/float64/int32/int64, C order.
 */
export interface NpyArray {
  readonly shape: number[];
  readonly dtype: 'f4' | 'f8' | 'i4' | 'i8';
  /** Values as numbers (int64 converted; exact below 2^53). */
  readonly data: Float32Array | Float64Array | Int32Array | number[];
}

const MAGIC = '\x93NUMPY';

export function parseNpy(buf: Buffer, what = 'array'): NpyArray {
  const fail = (why: string): never => { throw new ConfigError(what, `${buf.length} bytes`, `is not a readable .npy file: ${why}`); };
  if (buf.length < 10 || buf.toString('latin1', 0, 6) !== MAGIC) fail('missing the \\x93NUMPY magic');
  const major = buf[6];
  const headerLen = major === 1 ? buf.readUInt16LE(8) : buf.readUInt32LE(8);
  const start = major === 1 ? 10 : 12;
  const header = buf.toString('latin1', start, start + headerLen);
  const descr = /'descr':\s*'([<|=]?)([fiu])(\d)'/.exec(header);
  const shapeM = /'shape':\s*\(([^)]*)\)/.exec(header);
  if (!descr || !shapeM) return fail(`cannot parse header ${header.trim()}`);
  if (/'fortran_order':\s*True/.test(header)) fail('Fortran order is not supported; save with np.ascontiguousarray');
  const dtype = `${descr[2]}${descr[3]}`;
  if (!['f4', 'f8', 'i4', 'i8'].includes(dtype)) fail(`dtype ${dtype} not supported (use float32, float64, int32 or int64)`);
  const shape = shapeM[1].split(',').map((s) => s.trim()).filter(Boolean).map(Number);
  const n = shape.reduce((a, b) => a * b, 1);
  const off = start + headerLen, bytes = buf.subarray(off);
  const size = Number(dtype[1]);
  if (bytes.length < n * size) fail(`holds ${bytes.length} data bytes, shape ${JSON.stringify(shape)} needs ${n * size}`);
  const ab = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + n * size);
  let data: NpyArray['data'];
  if (dtype === 'f4') data = new Float32Array(ab);
  else if (dtype === 'f8') data = new Float64Array(ab);
  else if (dtype === 'i4') data = new Int32Array(ab);
  else data = Array.from(new BigInt64Array(ab), Number);
  return { shape, dtype: dtype as NpyArray['dtype'], data };
}

export function readNpy(path: string): NpyArray {
  let buf: Buffer;
  try { buf = readFileSync(path); } catch (e) { throw new ConfigError('file', path, `cannot be read (${(e as Error).message})`); }
  return parseNpy(buf, path);
}

export function encodeNpy(data: Float32Array | Int32Array, shape: readonly number[]): Buffer {
  const descr = data instanceof Float32Array ? '<f4' : '<i4';
  const shapeStr = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shapeStr}, }`;
  const total = 10 + header.length + 1;
  header += ' '.repeat((64 - (total % 64)) % 64) + '\n';
  const head = Buffer.alloc(10);
  head.write(MAGIC, 0, 'latin1');
  head[6] = 1; head[7] = 0;
  head.writeUInt16LE(header.length, 8);
  return Buffer.concat([head, Buffer.from(header, 'latin1'), Buffer.from(data.buffer, data.byteOffset, data.byteLength)]);
}

export function writeNpy(path: string, data: Float32Array | Int32Array, shape: readonly number[]): void {
  writeFileSync(path, encodeNpy(data, shape));
}
