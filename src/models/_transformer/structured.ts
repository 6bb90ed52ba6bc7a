import { check } from '../../engine/errors.ts';
import { Arena } from '../../engine/wasm.ts';
import type { Task } from '../../tasks/task.ts';
import { LOSSES } from '../losses.ts';
import type { Model, ModelInit, Param, TransformerConfig } from '../model.ts';
import { Mm, SEQ, modulusOf, required, transformerShapes, validateTransformer } from './common.ts';
import { evaluateInChunks } from '../chunks.ts';

/**
 * The one-layer transformer without LayerNorm, computing only what the logits at "=" depend on (the
 * issue's "do less work, exactly"). Every input to the attention is a function of (token, position) alone,
 * so with T = 2p + 1 table rows (a at position 0, b at position 1, and "=") the keys, values, each head's
 * scores q·k (the "=" query is one vector) and each head's value-output rows v_h·W_O[h] are tables computed
 * once per step. Per pair only remain a softmax over three scores per head, a weighted sum of 3·heads table
 * rows, and the MLP and unembedding at "=". The backward pass scatters into the same tables and then runs
 * the small table products backwards. Same function as generalTransformer with layers 1, ln false.
 */
export function structuredTransformer(cfg: TransformerConfig, task: Task, lossName: string, init: ModelInit, maxRows: number): Model {
  validateTransformer(cfg);
  check(cfg.layers === 1 && !cfg.ln, 'model', `layers ${cfg.layers}, ln ${cfg.ln}`, 'the structured path is for one layer without LayerNorm; use generalTransformer');
  const loss = LOSSES[lossName];
  check(loss !== undefined, 'loss', lossName, `must be one of ${Object.keys(LOSSES).join(', ')}`);
  const p = modulusOf(task), d = cfg.dModel, m = cfg.dMlp, H = cfg.heads, dh = d / H, scale = 1 / Math.sqrt(dh);
  const T = 2 * p + 1, EQ = 2 * p; // table rows: a (0..p−1), b (p..2p−1), "=" (2p)
  const shapes = transformerShapes(cfg, p);

  const arena = new Arena();
  const hParam = new Map(shapes.map((s) => { const n = s.shape.reduce((a, b) => a * b, 1); return [s.name, { w: arena.reserve(n), g: arena.reserve(n) }]; }));
  const rsv = (n: number) => arena.reserve(n);
  const h = {
    XT: rsv(T * d), KT: rsv(T * d), VT: rsv(T * d), q: rsv(d), VOT: rsv(T * H * d), DT: rsv(T * H * d), c0: rsv(d),
    dXT: rsv(T * d), dKT: rsv(T * d), dVT: rsv(T * d), dq: rsv(d), dVOT: rsv(T * H * d), colsum: rsv(d),
    MID: rsv(maxRows * d), PRE: rsv(maxRows * m), ACT: rsv(maxRows * m), OUT: rsv(maxRows * d),
    logits: rsv(maxRows * p), dLogits: rsv(maxRows * p), dOUT: rsv(maxRows * d), dPRE: rsv(maxRows * m),
    T: rsv(Math.max(d * d, d * m, d * p)), pack: arena.reservePack(Math.max(d, m, p, 8)),
  };
  const hLabels = arena.reserveLabels(maxRows);
  const view = arena.commit();
  const k = arena.kernels;
  const mm = new Mm(k, view.f32(h.pack).ptr, view.f32(h.T));
  const XT = view.f32(h.XT), KT = view.f32(h.KT), VT = view.f32(h.VT), q = view.f32(h.q), VOT = view.f32(h.VOT), DT = view.f32(h.DT), c0 = view.f32(h.c0);
  const dXT = view.f32(h.dXT), dKT = view.f32(h.dKT), dVT = view.f32(h.dVT), dq = view.f32(h.dq), dVOT = view.f32(h.dVOT), colsum = view.f32(h.colsum);
  const MID = view.f32(h.MID), PRE = view.f32(h.PRE), ACT = view.f32(h.ACT), OUT = view.f32(h.OUT);
  const logits = view.f32(h.logits), dLogits = view.f32(h.dLogits), dOUT = view.f32(h.dOUT), dPRE = view.f32(h.dPRE);
  const labels = view.i32(hLabels);
  const ST = new Float32Array(T * H), dST = new Float32Array(T * H), alpha = new Float32Array(maxRows * H * SEQ);
  const ia = new Int32Array(maxRows), ib = new Int32Array(maxRows);

  const params: Param[] = [], grads: Float32Array[] = [];
  const byName = new Map<string, { w: ReturnType<typeof view.f32>; g: ReturnType<typeof view.f32> }>();
  for (const s of shapes) {
    const hp = hParam.get(s.name)!, w = view.f32(hp.w), g = view.f32(hp.g);
    w.data.set(required(init, s.name, w.data.length));
    params.push({ name: s.name, shape: s.shape, data: w.data });
    grads.push(g.data);
    byName.set(s.name, { w, g });
  }
  const P = (n: string) => byName.get(n)!;
  const WE = P('W_E'), Wpos = P('W_pos'), WQ = P('W_Q'), WK = P('W_K'), WV = P('W_V'), WO = P('W_O');
  const Win = P('W_in'), bin = P('b_in'), Wout = P('W_out'), bout = P('b_out'), WU = P('W_U');

  /** The per-(token, position) tables from the current weights. */
  function tables(): void {
    const x = XT.data, e = WE.w.data, pos = Wpos.w.data;
    for (let a = 0; a < p; a++) for (let c = 0; c < d; c++) {
      x[a * d + c] = e[a * d + c] + pos[c];
      x[(p + a) * d + c] = e[a * d + c] + pos[d + c];
    }
    for (let c = 0; c < d; c++) x[EQ * d + c] = e[p * d + c] + pos[2 * d + c];
    mm.ab(T, d, d, XT.ptr, d, WK.w.ptr, d, KT.ptr, d);
    mm.ab(T, d, d, XT.ptr, d, WV.w.ptr, d, VT.ptr, d);
    mm.ab(1, d, d, XT.ptr + EQ * d * 4, d, WQ.w.ptr, d, q.ptr, d);
    const kt = KT.data, qq = q.data;
    for (let i = 0; i < T; i++) for (let hh = 0; hh < H; hh++) {
      let s = 0;
      for (let c = hh * dh; c < (hh + 1) * dh; c++) s += qq[c] * kt[i * d + c];
      ST[i * H + hh] = s * scale;
    }
    for (let hh = 0; hh < H; hh++) mm.ab(T, d, dh, VT.ptr + hh * dh * 4, d, WO.w.ptr + hh * dh * d * 4, d, VOT.ptr + hh * d * 4, H * d);
    // α₌ = 1 − α₀ − α₁, so x_= + Σ_h Σ_j α_hj·VO_j = c₀ + Σ_h (α_h0·D[a][h] + α_h1·D[p+b][h]) with D = VO − VO[=] and
    // c₀ = x_= + Σ_h VO[=][h]: two table rows per head and pair instead of three
    const vo = VOT.data, dt = DT.data, cc = c0.data, eo = EQ * H * d;
    for (let i = 0; i < EQ; i++) for (let j = 0; j < H * d; j++) dt[i * H * d + j] = vo[i * H * d + j] - vo[eo + j];
    for (let j = 0; j < d; j++) { let t = x[EQ * d + j]; for (let hh = 0; hh < H; hh++) t += vo[eo + hh * d + j]; cc[j] = t; }
  }

  /** Attention at "=" and the MLP and unembedding there, for rows[from, from+R). */
  function forward(rows: Int32Array, from: number, R: number): void {
    const tk = task.tokens, TT = task.tokensPerExample;
    for (let r = 0; r < R; r++) {
      const e = rows[from + r];
      ia[r] = tk[e * TT]; ib[r] = tk[e * TT + 1]; // a, and p + b: already the table rows of positions 0 and 1
      labels.data[r] = task.labels[e];
    }
    attendForward(R, H, d, EQ, ia, ib, ST, DT.data, c0.data, alpha, MID.data);
    mm.ab(R, m, d, MID.ptr, d, Win.w.ptr, m, PRE.ptr, m);
    k.addBias(R, m, PRE.ptr, bin.w.ptr);
    k.reluForward(R * m, PRE.ptr, ACT.ptr);
    OUT.data.set(MID.data.subarray(0, R * d));
    mm.ab(R, d, m, ACT.ptr, m, Wout.w.ptr, d, OUT.ptr, d, 1);
    k.addBias(R, d, OUT.ptr, bout.w.ptr);
    mm.ab(R, p, d, OUT.ptr, d, WU.w.ptr, p, logits.ptr, p);
  }

  const lossOver = (R: number, withGrad: boolean): { sum: number; correct: number } => {
    if (lossName === 'ce') {
      const sum = k.softmaxCrossEntropy(R, p, logits.ptr, labels.ptr, withGrad ? dLogits.ptr : 0, 1 / R);
      return { sum, correct: k.correct() };
    }
    return loss.apply(logits.data, labels.data, R, p, withGrad ? dLogits.data : null, R);
  };

  function lossAndGrad(rows: Int32Array): { loss: number; acc: number } {
    const R = rows.length;
    check(R >= 1 && R <= maxRows, 'batch rows', R, `must be in [1, ${maxRows}] (the model's maxRows)`);
    tables();
    forward(rows, 0, R);
    const { sum, correct } = lossOver(R, true);
    // unembedding and MLP, as in any dense network
    mm.atb(d, p, R, OUT.ptr, d, dLogits.ptr, p, WU.g.ptr, p);
    mm.abt(R, d, p, dLogits.ptr, p, WU.w.ptr, dOUT.ptr, d);
    k.columnSums(R, d, dOUT.ptr, bout.g.ptr);
    mm.atb(m, d, R, ACT.ptr, m, dOUT.ptr, d, Wout.g.ptr, d);
    mm.abt(R, m, d, dOUT.ptr, d, Wout.w.ptr, dPRE.ptr, m);
    k.reluBackward(R * m, PRE.ptr, dPRE.ptr);
    k.columnSums(R, m, dPRE.ptr, bin.g.ptr);
    mm.atb(d, m, R, MID.ptr, d, dPRE.ptr, m, Win.g.ptr, m);
    mm.abt(R, d, m, dPRE.ptr, m, Win.w.ptr, dOUT.ptr, d, 1); // dOUT is now dL/dMID
    // attention at "=", per pair, scattered into the tables' gradients
    dVOT.data.fill(0); dST.fill(0);
    attendBackward(R, H, d, EQ, ia, ib, alpha, DT.data, dOUT.data, dVOT.data, dST);
    k.columnSums(R, d, dOUT.ptr, colsum.ptr); // dL/dc₀: the residual stream at "=" starts as the "=" row
    { // the "=" row of the value-output table entered every pair through c₀ and, with sign −, through each D row
      const dvo = dVOT.data, cs = colsum.data, eo = EQ * H * d;
      for (let hh = 0; hh < H; hh++) for (let j = 0; j < d; j++) {
        let t = cs[j];
        for (let i = 0; i < EQ; i++) t -= dvo[(i * H + hh) * d + j];
        dvo[eo + hh * d + j] = t;
      }
    }
    // the tables, backwards
    const dx = dXT.data, dk = dKT.data, kt = KT.data, qq = q.data, gq = dq.data;
    gq.fill(0);
    for (let i = 0; i < T; i++) for (let hh = 0; hh < H; hh++) {
      const s = dST[i * H + hh] * scale;
      for (let c = hh * dh; c < (hh + 1) * dh; c++) { gq[c] += s * kt[i * d + c]; dk[i * d + c] = s * qq[c]; }
    }
    for (let hh = 0; hh < H; hh++) {
      mm.abt(T, dh, d, dVOT.ptr + hh * d * 4, H * d, WO.w.ptr + hh * dh * d * 4, dVT.ptr + hh * dh * 4, d);
      mm.atb(dh, d, T, VT.ptr + hh * dh * 4, d, dVOT.ptr + hh * d * 4, H * d, WO.g.ptr + hh * dh * d * 4, d);
    }
    mm.atb(d, d, T, XT.ptr, d, dKT.ptr, d, WK.g.ptr, d);
    mm.atb(d, d, T, XT.ptr, d, dVT.ptr, d, WV.g.ptr, d);
    mm.atb(d, d, 1, XT.ptr + EQ * d * 4, d, dq.ptr, d, WQ.g.ptr, d);
    mm.abt(T, d, d, dKT.ptr, d, WK.w.ptr, dXT.ptr, d);
    mm.abt(T, d, d, dVT.ptr, d, WV.w.ptr, dXT.ptr, d, 1);
    mm.abt(1, d, d, dq.ptr, d, WQ.w.ptr, dXT.ptr + EQ * d * 4, d, 1);
    const ge = WE.g.data, gp = Wpos.g.data, cs = colsum.data;
    gp.fill(0);
    for (let a = 0; a < p; a++) for (let c = 0; c < d; c++) {
      const u = dx[a * d + c], v = dx[(p + a) * d + c];
      ge[a * d + c] = u + v; gp[c] += u; gp[d + c] += v;
    }
    for (let c = 0; c < d; c++) { const u = dx[EQ * d + c] + cs[c]; ge[p * d + c] = u; gp[2 * d + c] = u; }
    return { loss: sum / R, acc: correct / R };
  }

  function evaluate(rows: Int32Array): { loss: number; acc: number } {
    tables();
    return evaluateInChunks(rows, maxRows, (from, R) => { forward(rows, from, R); return lossOver(R, false); });
  }

  function hidden(rows: Int32Array, layer: number): Float32Array {
    check(layer === 1, 'layer', layer, 'must be 1 (the one block\'s MLP neurons at "=")');
    tables();
    const out = new Float32Array(rows.length * m);
    for (let from = 0; from < rows.length; from += maxRows) {
      const R = Math.min(maxRows, rows.length - from);
      forward(rows, from, R);
      out.set(ACT.data.subarray(0, R * m), from * m);
    }
    return out;
  }

  return { params, grads, lossAndGrad, evaluate, hidden, constrain() { /* no structural constraints */ }, dispose() { arena.dispose(); } };
}

/**
 * Per pair r: the residual at "=" after attention, c₀ + Σ_h (α_h0·D[a][h] + α_h1·D[p+b][h]), with α_h the softmax
 * of the head's three table scores (see tables()). Top-level functions of typed arrays, so V8 compiles these hot
 * loops once, monomorphic.
 */
function attendForward(R: number, H: number, d: number, EQ: number, ia: Int32Array, ib: Int32Array, ST: Float32Array,
                       dt: Float32Array, c0: Float32Array, alpha: Float32Array, mid: Float32Array): void {
  const eh = EQ * H;
  for (let r = 0; r < R; r++) {
    const o = r * d, a0 = ia[r] * H, b0 = ib[r] * H;
    for (let c = 0; c < d; c++) mid[o + c] = c0[c];
    for (let h = 0; h < H; h++) {
      const s0 = ST[a0 + h], s1 = ST[b0 + h], s2 = ST[eh + h];
      const mx = Math.max(s0, s1, s2);
      const e0 = Math.exp(s0 - mx), e1 = Math.exp(s1 - mx), e2 = Math.exp(s2 - mx), z = 1 / (e0 + e1 + e2);
      const w0 = e0 * z, w1 = e1 * z, ao = (r * H + h) * 3;
      alpha[ao] = w0; alpha[ao + 1] = w1; alpha[ao + 2] = e2 * z;
      const v0 = (a0 + h) * d, v1 = (b0 + h) * d;
      for (let c = 0; c < d; c++) mid[o + c] += w0 * dt[v0 + c] + w1 * dt[v1 + c];
    }
  }
}

/**
 * The backward of attendForward: dD rows += α·g per pair (into dvo, rows < 2p), and the score tables' gradient by
 * the softmax's Jacobian: with e_j = g·D_j and u = α₀e₀ + α₁e₁, ds₀ = α₀(e₀ − u), ds₁ = α₁(e₁ − u), ds₌ = −α₌u.
 */
function attendBackward(R: number, H: number, d: number, EQ: number, ia: Int32Array, ib: Int32Array, alpha: Float32Array,
                        dt: Float32Array, g: Float32Array, dvo: Float32Array, dST: Float32Array): void {
  const eh = EQ * H;
  for (let r = 0; r < R; r++) {
    const o = r * d, a0 = ia[r] * H, b0 = ib[r] * H;
    for (let h = 0; h < H; h++) {
      const ao = (r * H + h) * 3, w0 = alpha[ao], w1 = alpha[ao + 1], w2 = alpha[ao + 2];
      const v0 = (a0 + h) * d, v1 = (b0 + h) * d;
      let e0 = 0, e1 = 0;
      for (let c = 0; c < d; c++) {
        const gc = g[o + c];
        e0 += gc * dt[v0 + c]; e1 += gc * dt[v1 + c];
        dvo[v0 + c] += w0 * gc; dvo[v1 + c] += w1 * gc;
      }
      const u = w0 * e0 + w1 * e1;
      dST[a0 + h] += w0 * (e0 - u); dST[b0 + h] += w1 * (e1 - u); dST[eh + h] -= w2 * u;
    }
  }
}
