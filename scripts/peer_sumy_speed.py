"""Peer speed: time sumy's LexRank (Python) on this machine, to compare with
`cargo bench -p storyline-core --bench summarize` run on the same host.

Scratch venv only (never a dependency of the project):
    python3 -m venv /tmp/sumyvenv && /tmp/sumyvenv/bin/pip install sumy==0.13.0 numpy
    /tmp/sumyvenv/bin/python scripts/peer_sumy_speed.py ../shared/data/multinews-val/multinews_plus_val.jsonl.gz

Time sumy's LexRank on the same clusters as `cargo bench --bench summarize`:
the first 500 multinews-val clusters, and 20 clusters of 10 x ~500 words joined
from the documents of the first 600 (as eval::datasets::joined_clusters does).
sumy's tokenizer wants NLTK's punkt data (a download); we give it NLTK's own
untrained Punkt sentence splitter and its Treebank word tokenizer instead."""
import gzip, json, sys, time
import nltk
from nltk.tokenize.punkt import PunktSentenceTokenizer
from nltk.tokenize.destructive import NLTKWordTokenizer
from sumy.nlp.tokenizers import Tokenizer
from sumy.parsers.plaintext import PlaintextParser
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.nlp.stemmers import Stemmer
from sumy.utils import get_stop_words

class Tok(Tokenizer):
    def _get_sentence_tokenizer(self, language):
        return PunktSentenceTokenizer()
    def _get_word_tokenizer(self, language):
        return NLTKWordTokenizer()

path = sys.argv[1]
clusters = []
with gzip.open(path, "rt") as f:
    for line in f:
        clusters.append(json.loads(line)["documents"])
        if len(clusters) == 600:
            break
small = ["\n".join(d) for d in clusters[:500]]
docs = [d for c in clusters for d in c]
big, it = [], iter(docs)
for k in range(20):
    arts = []
    for _ in range(10):
        text, words = "", 0
        while words < 500:
            d = next(it, None)
            if d is None: break
            words += len(d.split()); text += d + "\n"
        if text: arts.append(text)
    big.append("\n".join(arts))
tok = Tok("english")
summ = LexRankSummarizer(Stemmer("english"))
summ.stop_words = get_stop_words("english")
def run(texts, rounds):
    best = []
    for _ in range(rounds):
        t = time.perf_counter()
        for text in texts:
            doc = PlaintextParser.from_string(text, tok).document
            summ(doc, 10)
        best.append(len(texts) / (time.perf_counter() - t))
    return best
print("small", ["%.1f" % x for x in run(small, 3)])
print("joined", ["%.2f" % x for x in run(big, 2)])
