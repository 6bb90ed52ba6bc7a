import { check } from '../../engine/errors.ts';
import { Arena, type Buf } from '../../engine/wasm.ts';
import type { Task } from '../../tasks/task.ts';
import { LOSSES } from '../losses.ts';
import type { Model, ModelInit, Param, TransformerConfig } from '../model.ts';
import { Mm, SEQ, layerName, modulusOf, required, transformerShapes, validateTransformer } from './common.ts';
import { evaluateInChunks } from '../chunks.ts';

/** The transformer's Model, plus the final residual stream at every position (for the causal-mask test). */
export interface TransformerModel extends Model {
  /** The residual stream after the last block (before any final LayerNorm): [rows × 3 × dModel]. */
  residuals(rows: Int32Array): Float32Array;
}

const LN_EPS = 1e-5; // PyTorch nn.LayerNorm's default

interface LnBufs { y: Buf; xhat: Buf; rstd: Buf; g: Buf; b: Buf; dg: Buf; db: Buf }
interface Block {
  ln1: LnBufs | null; ln2: LnBufs | null;
  X: Buf; H1: Buf; Q: Buf; K: Buf; V: Buf; P: Float32Array; Z: Buf; MID: Buf; H2: Buf; PRE: Buf; ACT: Buf;
  WQ: Buf; WK: Buf; WV: Buf; WO: Buf; Win: Buf; bin: Buf; Wout: Buf; bout: Buf;
  dWQ: Buf; dWK: Buf; dWV: Buf; dWO: Buf; dWin: Buf; dbin: Buf; dWout: Buf; dbout: Buf;
}

/**
 * The general n-layer transformer: every position's residual stream, pre-LN optional. Products run on the
 * kernels' gemm over all R·3 token rows; the causal attention over three positions is a small JS loop.
 * This is the reference the structured one-layer path (structured.ts) is tested against, and the path for
 * layers > 1 or ln.
 */
export function generalTransformer(cfg: TransformerConfig, task: Task, lossName: string, init: ModelInit, maxRows: number): TransformerModel {
  validateTransformer(cfg);
  const loss = LOSSES[lossName];
  check(loss !== undefined, 'loss', lossName, `must be one of ${Object.keys(LOSSES).join(', ')}`);
  const p = modulusOf(task), d = cfg.dModel, m = cfg.dMlp, H = cfg.heads, dh = d / H, L = cfg.layers;
  const NMax = maxRows * SEQ, scale = 1 / Math.sqrt(dh);
  const shapes = transformerShapes(cfg, p);

  const arena = new Arena();
  const hParam = new Map(shapes.map((s) => { const n = s.shape.reduce((a, b) => a * b, 1); return [s.name, { w: arena.reserve(n), g: arena.reserve(n) }]; }));
  const rsv = (n: number) => arena.reserve(n);
  const hLn = () => ({ y: rsv(NMax * d), xhat: rsv(NMax * d), rstd: rsv(NMax) });
  const hBlocks = Array.from({ length: L }, () => ({
    ln1: cfg.ln ? hLn() : null, ln2: cfg.ln ? hLn() : null,
    X: rsv(NMax * d), Q: rsv(NMax * d), K: rsv(NMax * d), V: rsv(NMax * d), Z: rsv(NMax * d), MID: rsv(NMax * d),
    PRE: rsv(NMax * m), ACT: rsv(NMax * m),
  }));
  const hXL = rsv(NMax * d), hLnf = cfg.ln ? hLn() : null;
  const hLogits = rsv(maxRows * p), hDLogits = rsv(maxRows * p);
  const hdX = rsv(NMax * d), hdXF = rsv(NMax * d), hdH = rsv(NMax * d), hdZ = rsv(NMax * d);
  const hdQ = rsv(NMax * d), hdK = rsv(NMax * d), hdV = rsv(NMax * d), hdPRE = rsv(NMax * m);
  const hTok = arena.reserve(NMax, 'i32'), hLabels = arena.reserveLabels(maxRows);
  const hT = rsv(Math.max(d * d, d * m, d * p));
  const hPack = arena.reservePack(Math.max(d, m, p, 8));
  const view = arena.commit();
  const k = arena.kernels;
  const mm = new Mm(k, view.f32(hPack).ptr, view.f32(hT));

  const params: Param[] = [], grads: Float32Array[] = [];
  const W = new Map<string, Buf>(), G = new Map<string, Buf>();
  for (const s of shapes) {
    const h = hParam.get(s.name)!, w = view.f32(h.w), g = view.f32(h.g);
    w.data.set(required(init, s.name, w.data.length));
    params.push({ name: s.name, shape: s.shape, data: w.data });
    grads.push(g.data);
    W.set(s.name, w); G.set(s.name, g);
  }
  const lnBufs = (h: ReturnType<typeof hLn>, gName: string, bName: string): LnBufs => ({
    y: view.f32(h.y), xhat: view.f32(h.xhat), rstd: view.f32(h.rstd),
    g: W.get(gName)!, b: W.get(bName)!, dg: G.get(gName)!, db: G.get(bName)!,
  });
  const blocks: Block[] = hBlocks.map((h, l) => {
    const n = (s: string) => layerName(s, l, L);
    const ln1 = h.ln1 ? lnBufs(h.ln1, n('ln1_w'), n('ln1_b')) : null, ln2 = h.ln2 ? lnBufs(h.ln2, n('ln2_w'), n('ln2_b')) : null;
    const X = view.f32(h.X), MID = view.f32(h.MID);
    return {
      ln1, ln2, X, H1: ln1 ? ln1.y : X, Q: view.f32(h.Q), K: view.f32(h.K), V: view.f32(h.V),
      P: new Float32Array(maxRows * H * 9), Z: view.f32(h.Z), MID, H2: ln2 ? ln2.y : MID, PRE: view.f32(h.PRE), ACT: view.f32(h.ACT),
      WQ: W.get(n('W_Q'))!, WK: W.get(n('W_K'))!, WV: W.get(n('W_V'))!, WO: W.get(n('W_O'))!,
      Win: W.get(n('W_in'))!, bin: W.get(n('b_in'))!, Wout: W.get(n('W_out'))!, bout: W.get(n('b_out'))!,
      dWQ: G.get(n('W_Q'))!, dWK: G.get(n('W_K'))!, dWV: G.get(n('W_V'))!, dWO: G.get(n('W_O'))!,
      dWin: G.get(n('W_in'))!, dbin: G.get(n('b_in'))!, dWout: G.get(n('W_out'))!, dbout: G.get(n('b_out'))!,
    };
  });
  const XL = view.f32(hXL), lnf = hLnf ? lnBufs(hLnf, 'lnf_w', 'lnf_b') : null, XF = lnf ? lnf.y : XL;
  const logits = view.f32(hLogits), dLogits = view.f32(hDLogits);
  const dX = view.f32(hdX), dXF = lnf ? view.f32(hdXF) : dX, dH = view.f32(hdH), dZ = view.f32(hdZ);
  const dQ = view.f32(hdQ), dK = view.f32(hdK), dV = view.f32(hdV), dPRE = view.f32(hdPRE);
  const tok = view.i32(hTok), labels = view.i32(hLabels);
  const WE = W.get('W_E')!, Wpos = W.get('W_pos')!, WU = W.get('W_U')!;
  const dWE = G.get('W_E')!, dWpos = G.get('W_pos')!, dWU = G.get('W_U')!;

  function lnForward(n: number, x: Buf, ln: LnBufs): void {
    const xs = x.data, y = ln.y.data, xh = ln.xhat.data, rs = ln.rstd.data, g = ln.g.data, b = ln.b.data;
    for (let r = 0; r < n; r++) {
      const o = r * d;
      let mu = 0;
      for (let c = 0; c < d; c++) mu += xs[o + c];
      mu /= d;
      let v = 0;
      for (let c = 0; c < d; c++) { const t = xs[o + c] - mu; v += t * t; }
      const rstd = 1 / Math.sqrt(v / d + LN_EPS);
      rs[r] = rstd;
      for (let c = 0; c < d; c++) { const t = (xs[o + c] - mu) * rstd; xh[o + c] = t; y[o + c] = t * g[c] + b[c]; }
    }
  }
  /** dx += LN'(dy); accumulates the gain and bias gradients (zeroed by the caller once per pass). */
  function lnBackward(n: number, dy: Buf, ln: LnBufs, dx: Buf): void {
    const gy = dy.data, xh = ln.xhat.data, rs = ln.rstd.data, g = ln.g.data, dg = ln.dg.data, db = ln.db.data, gx = dx.data;
    for (let r = 0; r < n; r++) {
      const o = r * d;
      let s1 = 0, s2 = 0;
      for (let c = 0; c < d; c++) {
        const t = gy[o + c], gh = t * g[c];
        dg[c] += t * xh[o + c]; db[c] += t;
        s1 += gh; s2 += gh * xh[o + c];
      }
      s1 /= d; s2 /= d;
      for (let c = 0; c < d; c++) gx[o + c] += rs[r] * (gy[o + c] * g[c] - s1 - xh[o + c] * s2);
    }
  }

  function attentionForward(R: number, b: Block): void {
    const q = b.Q.data, kk = b.K.data, v = b.V.data, z = b.Z.data, P = b.P;
    const s = new Float64Array(SEQ);
    for (let r = 0; r < R; r++) for (let h = 0; h < H; h++) {
      const c0 = h * dh;
      for (let i = 0; i < SEQ; i++) {
        const qo = (r * SEQ + i) * d + c0;
        let mx = -Infinity;
        for (let j = 0; j <= i; j++) {
          const ko = (r * SEQ + j) * d + c0;
          let t = 0;
          for (let c = 0; c < dh; c++) t += q[qo + c] * kk[ko + c];
          s[j] = t * scale;
          if (s[j] > mx) mx = s[j];
        }
        let sum = 0;
        for (let j = 0; j <= i; j++) { s[j] = Math.exp(s[j] - mx); sum += s[j]; }
        const po = ((r * H + h) * SEQ + i) * SEQ;
        for (let j = 0; j < SEQ; j++) P[po + j] = j <= i ? s[j] / sum : 0;
        for (let c = 0; c < dh; c++) {
          let t = 0;
          for (let j = 0; j <= i; j++) t += P[po + j] * v[(r * SEQ + j) * d + c0 + c];
          z[qo + c] = t;
        }
      }
    }
  }

  function attentionBackward(R: number, b: Block): void {
    const q = b.Q.data, kk = b.K.data, v = b.V.data, P = b.P, gz = dZ.data, gq = dQ.data, gk = dK.data, gv = dV.data;
    const n = R * SEQ * d;
    gq.fill(0, 0, n); gk.fill(0, 0, n); gv.fill(0, 0, n);
    const da = new Float64Array(SEQ);
    for (let r = 0; r < R; r++) for (let h = 0; h < H; h++) {
      const c0 = h * dh;
      for (let i = 0; i < SEQ; i++) {
        const zo = (r * SEQ + i) * d + c0, po = ((r * H + h) * SEQ + i) * SEQ;
        let dot = 0;
        for (let j = 0; j <= i; j++) {
          const vo = (r * SEQ + j) * d + c0, a = P[po + j];
          let t = 0;
          for (let c = 0; c < dh; c++) { t += gz[zo + c] * v[vo + c]; gv[vo + c] += a * gz[zo + c]; }
          da[j] = t; dot += a * t;
        }
        for (let j = 0; j <= i; j++) {
          const ds = P[po + j] * (da[j] - dot) * scale, ko = (r * SEQ + j) * d + c0;
          for (let c = 0; c < dh; c++) { gq[zo + c] += ds * kk[ko + c]; gk[ko + c] += ds * q[zo + c]; }
        }
      }
    }
  }

  /** Loads rows[from, from+R) as token triples (a, b, =) and labels, and runs the blocks up to `upTo`. */
  function forward(rows: Int32Array, from: number, R: number, upTo = L): void {
    const T = task.tokensPerExample;
    for (let r = 0; r < R; r++) {
      const e = rows[from + r];
      tok.data[r * SEQ] = task.tokens[e * T];
      tok.data[r * SEQ + 1] = task.tokens[e * T + 1] - p; // modular tasks store b as p + b
      tok.data[r * SEQ + 2] = p; // "="
      labels.data[r] = task.labels[e];
    }
    const N = R * SEQ;
    const X0 = blocks[0].X;
    k.embedSum(N, 1, tok.ptr, WE.ptr, d, X0.ptr);
    k.addBias(R, SEQ * d, X0.ptr, Wpos.ptr);
    for (let l = 0; l < upTo; l++) {
      const b = blocks[l], next = l + 1 < L ? blocks[l + 1].X : XL;
      if (b.ln1) lnForward(N, b.X, b.ln1);
      mm.ab(N, d, d, b.H1.ptr, d, b.WQ.ptr, d, b.Q.ptr, d);
      mm.ab(N, d, d, b.H1.ptr, d, b.WK.ptr, d, b.K.ptr, d);
      mm.ab(N, d, d, b.H1.ptr, d, b.WV.ptr, d, b.V.ptr, d);
      attentionForward(R, b);
      b.MID.data.set(b.X.data.subarray(0, N * d));
      mm.ab(N, d, d, b.Z.ptr, d, b.WO.ptr, d, b.MID.ptr, d, 1);
      if (b.ln2) lnForward(N, b.MID, b.ln2);
      mm.ab(N, m, d, b.H2.ptr, d, b.Win.ptr, m, b.PRE.ptr, m);
      k.addBias(N, m, b.PRE.ptr, b.bin.ptr);
      k.reluForward(N * m, b.PRE.ptr, b.ACT.ptr);
      next.data.set(b.MID.data.subarray(0, N * d));
      mm.ab(N, d, m, b.ACT.ptr, m, b.Wout.ptr, d, next.ptr, d, 1);
      k.addBias(N, d, next.ptr, b.bout.ptr);
    }
    if (upTo < L) return;
    if (lnf) lnForward(N, XL, lnf);
    // the answer is read at "=" only: rows 2, 5, 8, … of the residual stream (stride 3·d)
    mm.ab(R, p, d, XF.ptr + 2 * d * 4, SEQ * d, WU.ptr, p, logits.ptr, p);
  }

  const lossOver = (R: number, withGrad: boolean): { sum: number; correct: number } => {
    if (lossName === 'ce') {
      const sum = k.softmaxCrossEntropy(R, p, logits.ptr, labels.ptr, withGrad ? dLogits.ptr : 0, 1 / R);
      return { sum, correct: k.correct() };
    }
    return loss.apply(logits.data, labels.data, R, p, withGrad ? dLogits.data : null, R);
  };

  function lossAndGrad(rows: Int32Array): { loss: number; acc: number } {
    const R = rows.length, N = R * SEQ;
    check(R >= 1 && R <= maxRows, 'batch rows', R, `must be in [1, ${maxRows}] (the model's maxRows)`);
    forward(rows, 0, R);
    const { sum, correct } = lossOver(R, true);
    for (const s of shapes) if (s.name.startsWith('ln')) G.get(s.name)!.data.fill(0);
    mm.atb(d, p, R, XF.ptr + 2 * d * 4, SEQ * d, dLogits.ptr, p, dWU.ptr, p);
    dXF.data.fill(0, 0, N * d);
    mm.abt(R, d, p, dLogits.ptr, p, WU.ptr, dXF.ptr + 2 * d * 4, SEQ * d);
    if (lnf) { dX.data.fill(0, 0, N * d); lnBackward(N, dXF, lnf, dX); }
    for (let l = L - 1; l >= 0; l--) {
      const b = blocks[l];
      // MLP: X_{l+1} = MID + relu(H2·W_in + b_in)·W_out + b_out
      k.columnSums(N, d, dX.ptr, b.dbout.ptr);
      mm.atb(m, d, N, b.ACT.ptr, m, dX.ptr, d, b.dWout.ptr, d);
      mm.abt(N, m, d, dX.ptr, d, b.Wout.ptr, dPRE.ptr, m);
      k.reluBackward(N * m, b.PRE.ptr, dPRE.ptr);
      k.columnSums(N, m, dPRE.ptr, b.dbin.ptr);
      mm.atb(d, m, N, b.H2.ptr, d, dPRE.ptr, m, b.dWin.ptr, m);
      if (b.ln2) { mm.abt(N, d, m, dPRE.ptr, m, b.Win.ptr, dH.ptr, d); lnBackward(N, dH, b.ln2, dX); }
      else mm.abt(N, d, m, dPRE.ptr, m, b.Win.ptr, dX.ptr, d, 1);
      // attention: MID = X + Z·W_O
      mm.atb(d, d, N, b.Z.ptr, d, dX.ptr, d, b.dWO.ptr, d);
      mm.abt(N, d, d, dX.ptr, d, b.WO.ptr, dZ.ptr, d);
      attentionBackward(R, b);
      mm.atb(d, d, N, b.H1.ptr, d, dQ.ptr, d, b.dWQ.ptr, d);
      mm.atb(d, d, N, b.H1.ptr, d, dK.ptr, d, b.dWK.ptr, d);
      mm.atb(d, d, N, b.H1.ptr, d, dV.ptr, d, b.dWV.ptr, d);
      const into = b.ln1 ? dH : dX, acc = b.ln1 ? 0 : 1;
      mm.abt(N, d, d, dQ.ptr, d, b.WQ.ptr, into.ptr, d, acc);
      mm.abt(N, d, d, dK.ptr, d, b.WK.ptr, into.ptr, d, 1);
      mm.abt(N, d, d, dV.ptr, d, b.WV.ptr, into.ptr, d, 1);
      if (b.ln1) lnBackward(N, dH, b.ln1, dX);
    }
    dWE.data.fill(0);
    k.embedScatter(N, 1, tok.ptr, dX.ptr, d, dWE.ptr);
    k.columnSums(R, SEQ * d, dX.ptr, dWpos.ptr);
    return { loss: sum / R, acc: correct / R };
  }

  function evaluate(rows: Int32Array): { loss: number; acc: number } {
    return evaluateInChunks(rows, maxRows, (from, R) => { forward(rows, from, R); return lossOver(R, false); });
  }

  /** The MLP neurons' activations of block `layer` (1-based) at "=": [rows × dMlp]. */
  function hidden(rows: Int32Array, layer: number): Float32Array {
    check(layer >= 1 && layer <= L, 'layer', layer, `must be a block in [1, ${L}]`);
    const out = new Float32Array(rows.length * m), A = blocks[layer - 1].ACT.data;
    for (let from = 0; from < rows.length; from += maxRows) {
      const R = Math.min(maxRows, rows.length - from);
      forward(rows, from, R, layer);
      for (let r = 0; r < R; r++) out.set(A.subarray((r * SEQ + 2) * m, (r * SEQ + 3) * m), (from + r) * m);
    }
    return out;
  }

  function residuals(rows: Int32Array): Float32Array {
    const out = new Float32Array(rows.length * SEQ * d);
    for (let from = 0; from < rows.length; from += maxRows) {
      const R = Math.min(maxRows, rows.length - from);
      forward(rows, from, R);
      out.set(XL.data.subarray(0, R * SEQ * d), from * SEQ * d);
    }
    return out;
  }

  return { params, grads, lossAndGrad, evaluate, hidden, residuals, constrain() { /* no structural constraints */ }, dispose() { arena.dispose(); } };
}
