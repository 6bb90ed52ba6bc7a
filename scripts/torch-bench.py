# Training steps in PyTorch, for side-by-side timing with `npm run bench` (/usr/bin/python3; Debian's python3-torch,
# whose BLAS is the system's libblas.so.3: install libopenblas0-pthread, or matrix products run on the reference BLAS).
#   /usr/bin/python3 scripts/torch-bench.py [THREADS] [WORKLOAD]     WORKLOAD: a substring of a workload id (default all)
#   /usr/bin/python3 scripts/torch-bench.py --check DIR P            loss of the transformer saved in DIR (--save-to) on the
#                                                                    pairs of DIR/train.npy, for a cross-check with grokcheck
# mlp-p97-w256-relu-ce-adamw-full: p=97, a+b, train fraction 0.5, width 256, ReLU, no biases, CE, AdamW lr 1e-3 wd 1
# betas (0.9, 0.98), full batch; embedding first layer.
# transformer-*: Nanda et al. (2023)'s one-layer transformer over (a, b, =), d_model, 4 heads, d_mlp, no LayerNorm,
# logits at "=", CE, AdamW lr 1e-3 wd 1 betas (0.9, 0.98), full batch; all three positions computed (as PyTorch
# implementations do). Row-vector weights named as grokcheck's .npy interop: W_E [p+1, d], W_pos [3, d], W_Q, W_K,
# W_V, W_O [d, d] (head h: columns h*d_head… of W_Q/W_K/W_V, the same rows of W_O), W_in, b_in, W_out, b_out, W_U.
import math, os, statistics, sys, time

if len(sys.argv) > 1 and sys.argv[1].isdigit():  # Debian's torch calls the system BLAS (OpenBLAS where installed): same thread count
    os.environ.setdefault('OPENBLAS_NUM_THREADS', sys.argv[1])
    os.environ.setdefault('OMP_NUM_THREADS', sys.argv[1])
import numpy as np
import torch


class Transformer(torch.nn.Module):
    def __init__(self, p, d, heads, d_mlp):
        super().__init__()
        self.p, self.d, self.h = p, d, heads
        n = lambda *s, std: torch.nn.Parameter(torch.randn(*s) * std)
        sd = 1 / math.sqrt(d)
        self.W_E, self.W_pos = n(p + 1, d, std=sd), n(3, d, std=sd)
        self.W_Q, self.W_K, self.W_V, self.W_O = (n(d, d, std=sd) for _ in range(4))
        self.W_in, self.b_in = n(d, d_mlp, std=sd), torch.nn.Parameter(torch.zeros(d_mlp))
        self.W_out, self.b_out = n(d_mlp, d, std=sd), torch.nn.Parameter(torch.zeros(d))
        self.W_U = n(d, p, std=1 / math.sqrt(p + 1))
        self.register_buffer('mask', torch.triu(torch.ones(3, 3, dtype=torch.bool), diagonal=1))

    def forward(self, tok):  # tok [R, 3]
        R, dh = tok.shape[0], self.d // self.h
        x = self.W_E[tok] + self.W_pos  # [R, 3, d]
        heads = lambda t: t.view(R, 3, self.h, dh).transpose(1, 2)  # [R, H, 3, dh]
        q, k, v = heads(x @ self.W_Q), heads(x @ self.W_K), heads(x @ self.W_V)
        s = (q @ k.transpose(-1, -2)) / math.sqrt(dh)
        a = torch.softmax(s.masked_fill(self.mask, float('-inf')), dim=-1)
        z = (a @ v).transpose(1, 2).reshape(R, 3, self.d)
        x = x + z @ self.W_O
        x = x + torch.relu(x @ self.W_in + self.b_in) @ self.W_out + self.b_out
        return x[:, 2] @ self.W_U


def pairs(p, fraction):
    torch.manual_seed(0)
    all_pairs = torch.cartesian_prod(torch.arange(p), torch.arange(p))
    return all_pairs[torch.randperm(p * p)[: round(fraction * p * p)]]


def time_steps(step, warmup, n):
    times = []
    for _ in range(warmup + n):
        t = time.perf_counter()
        step()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times[warmup:])


def mlp_bench():
    p, width = 97, 256
    train = pairs(p, 0.5)
    a, b, y = train[:, 0], train[:, 1] + p, (train[:, 0] + train[:, 1]) % p
    emb = torch.nn.Embedding(2 * p, width)
    out = torch.nn.Linear(width, p, bias=False)
    opt = torch.optim.AdamW(list(emb.parameters()) + list(out.parameters()), lr=1e-3, weight_decay=1.0, betas=(0.9, 0.98))

    def step():
        loss = torch.nn.functional.cross_entropy(out(torch.relu(emb(a) + emb(b))), y)
        opt.zero_grad(); loss.backward(); opt.step()
    return time_steps(step, 5, 40)


def transformer_bench(p, d, heads, d_mlp, fraction, warmup, n):
    torch.manual_seed(0)
    model = Transformer(p, d, heads, d_mlp)
    train = pairs(p, fraction)
    tok = torch.cat([train, torch.full((len(train), 1), p)], dim=1)
    y = (train[:, 0] + train[:, 1]) % p
    opt = torch.optim.AdamW(model.parameters(), lr=1e-3, weight_decay=1.0, betas=(0.9, 0.98))

    def step():
        loss = torch.nn.functional.cross_entropy(model(tok), y)
        opt.zero_grad(); loss.backward(); opt.step()
    return time_steps(step, warmup, n)


WORKLOADS = {
    'mlp-p97-w256-relu-ce-adamw-full': mlp_bench,
    'transformer-p113-d128-h4-mlp512-f0.3-full': lambda: transformer_bench(113, 128, 4, 512, 0.3, 3, 15),
    'transformer-p53-d64-h4-mlp256-f0.4-full': lambda: transformer_bench(53, 64, 4, 256, 0.4, 10, 60),
}


def check(directory, p):
    """Mean CE loss and accuracy of the transformer saved by grokcheck (--save-to DIR) on DIR/train.npy's pairs."""
    load = lambda name: torch.from_numpy(np.load(os.path.join(directory, name + '.npy')))
    W_E = load('W_E')
    d, d_mlp = W_E.shape[1], load('W_in').shape[1]
    heads = int(sys.argv[4]) if len(sys.argv) > 4 else 4
    model = Transformer(p, d, heads, d_mlp)
    with torch.no_grad():
        for name, param in model.named_parameters():
            param.copy_(load(name))
    ids = torch.from_numpy(np.load(os.path.join(directory, 'train.npy')).astype(np.int64))
    a, b = ids // p, ids % p
    tok = torch.stack([a, b, torch.full_like(a, p)], dim=1)
    with torch.no_grad():
        logits = model(tok)
        loss = torch.nn.functional.cross_entropy(logits, (a + b) % p)
    print(f"loss {loss.item():.7f} acc {(logits.argmax(1) == (a + b) % p).float().mean().item():.6f}")


if __name__ == '__main__':
    if len(sys.argv) > 1 and sys.argv[1] == '--check':
        check(sys.argv[2], int(sys.argv[3]))
        sys.exit(0)
    torch.set_num_threads(int(sys.argv[1]) if len(sys.argv) > 1 else 2)
    only = sys.argv[2] if len(sys.argv) > 2 else ''
    for wid, fn in WORKLOADS.items():
        if only in wid:
            print(f"torch {torch.__version__} threads {torch.get_num_threads()} {wid}: {fn():.2f} ms/step (median after warm-up)", flush=True)
