/**
 * Mean loss and accuracy over any number of examples, forward only, in chunks of at most `maxRows` (the rows a
 * model's buffers hold): `chunk(from, R)` runs rows[from … from+R) and returns their summed loss and correct count.
 */
export function evaluateInChunks(rows: Int32Array, maxRows: number, chunk: (from: number, R: number) => { sum: number; correct: number }): { loss: number; acc: number } {
  let sum = 0, correct = 0;
  for (let from = 0; from < rows.length; from += maxRows) {
    const res = chunk(from, Math.min(maxRows, rows.length - from));
    sum += res.sum;
    correct += res.correct;
  }
  return { loss: sum / rows.length, acc: correct / rows.length };
}
