# The canonical grokking MLP step in PyTorch, for side-by-side timing with `npm run bench`
# (/usr/bin/python3 scripts/torch-bench.py; Debian's python3-torch). p=97, a+b, train fraction 0.5,
# width 256, ReLU, no biases, CE, AdamW lr 1e-3 wd 1 betas (0.9, 0.98), full batch; embedding first layer.
import statistics, sys, time
import torch

torch.set_num_threads(int(sys.argv[1]) if len(sys.argv) > 1 else 2)
torch.manual_seed(0)
p, width = 97, 256
pairs = torch.cartesian_prod(torch.arange(p), torch.arange(p))
perm = torch.randperm(p * p)
train = pairs[perm[: round(0.5 * p * p)]]
a, b, y = train[:, 0], train[:, 1] + p, (train[:, 0] + train[:, 1]) % p
emb = torch.nn.Embedding(2 * p, width)
out = torch.nn.Linear(width, p, bias=False)
params = list(emb.parameters()) + list(out.parameters())
opt = torch.optim.AdamW(params, lr=1e-3, weight_decay=1.0, betas=(0.9, 0.98))
times = []
for step in range(45):
    t = time.perf_counter()
    logits = out(torch.relu(emb(a) + emb(b)))
    loss = torch.nn.functional.cross_entropy(logits, y)
    opt.zero_grad()
    loss.backward()
    opt.step()
    times.append((time.perf_counter() - t) * 1000)
print(f"torch {torch.__version__} threads {torch.get_num_threads()}: {statistics.median(times[5:]):.2f} ms/step (median of 40 after 5 warm-up)")
