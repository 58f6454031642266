/* jieba's segmentation (dictionary DAG, best route, HMM for unknown words), in C, for newslens.
 *
 * What this is: the same segmentation rjieba 0.2.2 (jieba-rs 0.11) gives with hmm=True, over the
 * same dictionary (jieba's dict.txt) and the same HMM (jieba's finalseg tables), written for our
 * one use: cut a Python str and hand back its tokens and the counts of its tokens of two or more
 * characters. It exists for speed only (docs/BENCHMARKS.md): a token that is a dictionary word
 * comes back as one str object made once per word and kept, so the work of turning every token
 * into a new string, and of hashing it again in every dict it goes into, is done once per
 * distinct word instead of once per token. tests/test_segmenter.py checks token for token that
 * it cuts as rjieba does; analysis/tokenize.py falls back to rjieba when this is not compiled.
 *
 * The algorithm (jieba's; the ordering rules are the ones jieba-rs keeps):
 * - the text splits into blocks of CJK ideographs, ASCII letters and digits and + # & . _ % -,
 *   and the characters between blocks, each a token of its own ("\r\n" is one);
 * - in a block, every dictionary word starting at each character is an edge; the route is the
 *   path of greatest summed log(freq / total), right to left, a tie going to the longer word;
 *   a character starting no word is a step of its own at log(1 / total);
 * - consecutive one-character steps form a run: one character is a token; a run that is itself
 *   a dictionary word is cut into its characters; any other run goes to the HMM;
 * - the HMM cuts runs of U+4E00..U+9FD5 with Viterbi over B/E/M/S (a tie goes to the state of
 *   larger index, B=0 E=1 M=2 S=3); between them, runs of ASCII letters and digits joined by
 *   single . _ - and ending in an optional % are tokens, and what lies between is one token.
 * `add_word` gives a word the frequency jieba-rs's add_word(word, None) gives it: just enough
 * to be cut whole (suggest_freq, with the dictionary's total updated word by word).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MIN_FLOAT (-3.14e100)
#define ROOT_DIRECT 0x30000 /* children of the root are an array indexed by code point */
#define HMM_LO 0x4E00
#define HMM_HI 0x9FD5
enum { B = 0, E = 1, M = 2, S = 3 };
static const char *const STATE_NAMES[4] = {"B", "E", "M", "S"}; /* finalseg's keys, in that order */

/* --- the dictionary: a trie of code points ----------------------------------------------- */

/* An edge of the trie, with what the route needs of the node it leads to (whether a word ends
 * there, and its log frequency), so that walking the trie reads one table entry a character:
 * the walk is bound by memory, not by arithmetic. */
typedef struct {
    uint64_t key; /* in `slots`: (parent << 21 | code point) + 1; 0 for an empty slot */
    double log_freq;
    int32_t child; /* -1: no edge */
    int32_t word;  /* 1 when a word ends at `child` */
} Edge;

typedef struct {
    uint64_t freq;   /* its word's frequency, 0 when no word ends here */
    PyObject *text;  /* its word as a str, made on first use */
    int32_t parent;  /* and the code point of the edge from there, to find that edge again */
    Py_UCS4 last;
    uint32_t seen;   /* the cut_and_count call it was last counted in */
    uint32_t count;  /* its count in that call */
} Node;

typedef struct {
    Edge *root;     /* ROOT_DIRECT edges of the root, indexed by code point */
    Edge *slots;    /* every other edge: open addressing, linear probing */
    uint64_t *filter; /* FILTER_BITS bits, one set per edge in `slots`: most characters start
                         no word with the one before, and this says so without a cache miss */
    size_t capacity; /* a power of two */
    size_t used;
    Node *nodes;    /* node 0 is the root */
    int32_t n_nodes;
    int32_t node_room;
    uint64_t total;
    double log_total;
    double start_p[4], trans_p[4][4];
    double (*emit_p)[4]; /* HMM_HI - HMM_LO + 1 rows */
} Dict;

#define FILTER_BITS (1u << 23) /* 1 MB: fits the cache beside the hot part of `root` */

static inline uint32_t filter_bit(uint64_t key) {
    return (uint32_t)((key * 0xC2B2AE3D27D4EB4FULL) >> 41) & (FILTER_BITS - 1);
}

static inline uint64_t edge_key(int32_t parent, Py_UCS4 c) {
    return (((uint64_t)parent << 21) | c) + 1;
}

static inline size_t slot_of(uint64_t key, size_t capacity) {
    return (size_t)((key * 0x9E3779B97F4A7C15ULL) >> 20) & (capacity - 1);
}

/* The edge from `parent` by `c`, NULL when there is none. */
static inline Edge *edge(const Dict *d, int32_t parent, Py_UCS4 c) {
    if (parent == 0 && c < ROOT_DIRECT)
        return d->root[c].child >= 0 ? &d->root[c] : NULL;
    uint64_t key = edge_key(parent, c);
    uint32_t bit = filter_bit(key);
    if (!(d->filter[bit >> 6] & (1ULL << (bit & 63))))
        return NULL;
    size_t mask = d->capacity - 1;
    for (size_t i = slot_of(key, d->capacity); d->slots[i].key; i = (i + 1) & mask)
        if (d->slots[i].key == key)
            return &d->slots[i];
    return NULL;
}

static int grow_slots(Dict *d) {
    size_t old_capacity = d->capacity, capacity = old_capacity ? old_capacity * 2 : 1 << 20;
    Edge *old = d->slots, *slots = calloc(capacity, sizeof *slots);
    if (!slots)
        return -1;
    for (size_t j = 0; j < old_capacity; j++) {
        if (!old[j].key)
            continue;
        size_t i = slot_of(old[j].key, capacity);
        while (slots[i].key)
            i = (i + 1) & (capacity - 1);
        slots[i] = old[j];
    }
    free(old);
    d->slots = slots;
    d->capacity = capacity;
    return 0;
}

static int32_t new_node(Dict *d, int32_t parent, Py_UCS4 last) {
    if (d->n_nodes == d->node_room) {
        int32_t room = d->node_room ? d->node_room * 2 : 1 << 19;
        Node *nodes = realloc(d->nodes, room * sizeof *nodes);
        if (!nodes)
            return -1;
        d->nodes = nodes;
        d->node_room = room;
    }
    int32_t id = d->n_nodes++;
    d->nodes[id] = (Node){0, NULL, parent, last, 0, 0};
    return id;
}

/* The node of `word`, made with its prefixes when missing; -1 when out of memory. */
static int32_t insert(Dict *d, const Py_UCS4 *word, Py_ssize_t n) {
    int32_t node = 0;
    for (Py_ssize_t k = 0; k < n; k++) {
        Py_UCS4 c = word[k];
        Edge *e = edge(d, node, c);
        if (e) {
            node = e->child;
            continue;
        }
        int32_t next = new_node(d, node, c);
        if (next < 0)
            return -1;
        if (node == 0 && c < ROOT_DIRECT) {
            d->root[c] = (Edge){0, 0.0, next, 0};
        } else {
            if ((d->used + 1) * 2 > d->capacity && grow_slots(d) < 0)
                return -1;
            uint64_t key = edge_key(node, c);
            size_t i = slot_of(key, d->capacity);
            while (d->slots[i].key)
                i = (i + 1) & (d->capacity - 1);
            d->slots[i] = (Edge){key, 0.0, next, 0};
            d->used++;
            uint32_t bit = filter_bit(key);
            d->filter[bit >> 6] |= 1ULL << (bit & 63);
        }
        node = next;
    }
    return node;
}

/* The node of a dictionary word, -1 when it is not one. */
static int32_t lookup(const Dict *d, const Py_UCS4 *chars, Py_ssize_t start, Py_ssize_t end) {
    int32_t node = 0;
    const Edge *e = NULL;
    for (Py_ssize_t k = start; k < end; k++) {
        if (!(e = edge(d, node, chars[k])))
            return -1;
        node = e->child;
    }
    return e && e->word ? node : -1;
}

static void set_freq(Dict *d, int32_t node, uint64_t freq) {
    Node *n = &d->nodes[node];
    Edge *e = edge(d, n->parent, n->last);
    n->freq = freq;
    e->log_freq = log((double)freq);
    e->word = 1;
}

/* --- cutting ------------------------------------------------------------------------------ */

static inline int is_ascii_alnum(Py_UCS4 c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static inline int is_cjk(Py_UCS4 c) {
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x2A6DF) ||
           (c >= 0x2A700 && c <= 0x2B73F) || (c >= 0x2B740 && c <= 0x2B81F) ||
           (c >= 0x2B820 && c <= 0x2CEAF) || (c >= 0x2CEB0 && c <= 0x2EBEF) ||
           (c >= 0x2F800 && c <= 0x2FA1F);
}

static inline int in_block(Py_UCS4 c) {
    if (c < 0x80)
        return is_ascii_alnum(c) || c == '+' || c == '#' || c == '&' || c == '.' || c == '_' ||
               c == '%' || c == '-';
    return is_cjk(c);
}

static inline int is_hmm_han(Py_UCS4 c) { return c >= HMM_LO && c <= HMM_HI; }

static inline int is_connector(Py_UCS4 c) { return c == '.' || c == '_' || c == '-'; }

/* Where each token goes: `emit(sink, start, end, node)`, node the dictionary node of a word the
 * route looked up, or -1 (which does not mean the word is unknown). */
typedef struct Sink Sink;
typedef int (*EmitFn)(Sink *sink, Py_ssize_t start, Py_ssize_t end, int32_t node);
struct Sink {
    EmitFn emit;
};

typedef struct {
    double prob;
    Py_ssize_t end;
    int32_t node;
} Step;

typedef struct {
    Step *route;
    unsigned char *path;   /* HMM states */
    unsigned char *choice; /* HMM predecessors, 4 per character */
    Py_ssize_t room;
} Scratch;

/* Room for a block of n characters. Each cut has a scratch of its own (`cut_chars`): nothing
 * is shared between calls, whichever thread makes them. */
static int reserve(Scratch *scratch, Py_ssize_t n) {
    if (n <= scratch->room)
        return 0;
    Py_ssize_t room = n < 1024 ? 1024 : n * 2;
    Step *route = realloc(scratch->route, (room + 1) * sizeof *route);
    if (route)
        scratch->route = route;
    unsigned char *path = realloc(scratch->path, room);
    if (path)
        scratch->path = path;
    unsigned char *choice = realloc(scratch->choice, room * 4);
    if (choice)
        scratch->choice = choice;
    if (!route || !path || !choice) {
        PyErr_NoMemory();
        return -1;
    }
    scratch->room = room;
    return 0;
}

static void release(Scratch *scratch) {
    free(scratch->route);
    free(scratch->path);
    free(scratch->choice);
    *scratch = (Scratch){NULL, NULL, NULL, 0};
}

/* Viterbi over chars[start:end] (all HMM characters, two or more), then its words. */
static int hmm_words(const Dict *d, Scratch *scratch, const Py_UCS4 *chars, Py_ssize_t start,
                     Py_ssize_t end, Sink *sink) {
    static const int allowed[4][2] = {{E, S}, {B, M}, {B, M}, {E, S}};
    Py_ssize_t n = end - start;
    unsigned char *choice = scratch->choice, *path = scratch->path;
    const double *emit = d->emit_p[chars[start] - HMM_LO];
    double v[4], next[4];
    for (int y = 0; y < 4; y++)
        v[y] = d->start_p[y] + emit[y];
    for (Py_ssize_t t = 1; t < n; t++) {
        emit = d->emit_p[chars[start + t] - HMM_LO];
        for (int y = 0; y < 4; y++) {
            int y0 = allowed[y][0], y1 = allowed[y][1];
            double p0 = v[y0] + d->trans_p[y0][y] + emit[y];
            double p1 = v[y1] + d->trans_p[y1][y] + emit[y];
            if (p0 > p1) {
                next[y] = p0;
                choice[t * 4 + y] = (unsigned char)y0;
            } else {
                next[y] = p1;
                choice[t * 4 + y] = (unsigned char)y1;
            }
        }
        memcpy(v, next, sizeof v);
    }
    int state = v[E] > v[S] ? E : S;
    path[n - 1] = (unsigned char)state;
    for (Py_ssize_t t = n - 1; t > 0; t--) {
        state = choice[t * 4 + state];
        path[t - 1] = (unsigned char)state;
    }
    Py_ssize_t begin = start, done = start;
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_ssize_t at = start + i;
        switch (path[i]) {
        case B:
            begin = at;
            break;
        case E:
            if (sink->emit(sink, begin, at + 1, -1) < 0)
                return -1;
            done = at + 1;
            break;
        case S:
            if (sink->emit(sink, at, at + 1, -1) < 0)
                return -1;
            done = at + 1;
            break;
        default:
            break;
        }
    }
    if (done < end)
        return sink->emit(sink, done, end, -1);
    return 0;
}

/* Letters and digits joined by single connectors, then an optional %: its end. */
static Py_ssize_t skip_match_end(const Py_UCS4 *chars, Py_ssize_t at, Py_ssize_t end) {
    for (;;) {
        while (at < end && is_ascii_alnum(chars[at]))
            at++;
        if (at + 1 < end && is_connector(chars[at]) && is_ascii_alnum(chars[at + 1]))
            at++;
        else
            break;
    }
    if (at < end && chars[at] == '%')
        at++;
    return at;
}

/* A run the HMM cuts: HMM characters through Viterbi, the rest as jieba's re_skip splits it. */
static int hmm_cut(const Dict *d, Scratch *scratch, const Py_UCS4 *chars, Py_ssize_t start,
                   Py_ssize_t end, Sink *sink) {
    Py_ssize_t i = start;
    while (i < end) {
        int han = is_hmm_han(chars[i]);
        Py_ssize_t j = i + 1;
        while (j < end && is_hmm_han(chars[j]) == han)
            j++;
        if (han) {
            int failed = j - i > 1 ? hmm_words(d, scratch, chars, i, j, sink)
                                   : sink->emit(sink, i, j, -1);
            if (failed < 0)
                return -1;
        } else {
            Py_ssize_t at = i;
            while (at < j) {
                Py_ssize_t gap_end = at;
                while (gap_end < j && !is_ascii_alnum(chars[gap_end]))
                    gap_end++;
                if (gap_end > at && sink->emit(sink, at, gap_end, -1) < 0)
                    return -1;
                if (gap_end == j)
                    break;
                Py_ssize_t match_end = skip_match_end(chars, gap_end, j);
                if (sink->emit(sink, gap_end, match_end, -1) < 0)
                    return -1;
                at = match_end;
            }
        }
        i = j;
    }
    return 0;
}

/* The one-character steps chars[start:end] of the route of the block starting at `block`
 * (route[i - block] is the step from chars[i]). */
static int cut_run(const Dict *d, Scratch *scratch, const Py_UCS4 *chars, Py_ssize_t block,
                   Py_ssize_t start, Py_ssize_t end, int hmm, Sink *sink) {
    const Step *route = scratch->route;
    if (!hmm) /* a run of ASCII letters and digits: one token */
        return sink->emit(sink, start, end, end - start == 1 ? route[start - block].node : -1);
    if (end - start == 1)
        return sink->emit(sink, start, end, route[start - block].node);
    if (lookup(d, chars, start, end) < 0)
        return hmm_cut(d, scratch, chars, start, end, sink);
    for (Py_ssize_t x = start; x < end; x++)
        if (sink->emit(sink, x, x + 1, route[x - block].node) < 0)
            return -1;
    return 0;
}

/* One block: its best route, then its tokens. */
static int cut_block(const Dict *d, Scratch *scratch, const Py_UCS4 *chars, Py_ssize_t start,
                     Py_ssize_t end, int hmm, Sink *sink) {
    if (reserve(scratch, end - start) < 0)
        return -1;
    Step *route = scratch->route; /* route[i - start] is the step from chars[i] */
    double log_total = d->log_total, log1 = 0.0 - log_total;
    route[end - start] = (Step){0.0, end, -1};
    for (Py_ssize_t idx = end - 1; idx >= start; idx--) {
        Step best = {0.0, 0, -1};
        int found = 0;
        int32_t node = 0;
        for (Py_ssize_t k = idx; k < end; k++) {
            const Edge *e = edge(d, node, chars[k]);
            if (!e)
                break;
            node = e->child;
            if (!e->word)
                continue;
            double prob = e->log_freq - log_total + route[k + 1 - start].prob;
            if (!found || prob > best.prob || (prob == best.prob && k + 1 > best.end)) {
                best = (Step){prob, k + 1, node};
                found = 1;
            }
        }
        if (!found) /* a character starting no word: a step of its own */
            best = (Step){log1 + route[idx + 1 - start].prob, idx + 1, -1};
        route[idx - start] = best;
    }
    Py_ssize_t x = start, left = -1;
    while (x < end) {
        Py_ssize_t y = route[x - start].end;
        if (y - x == 1 && (hmm || is_ascii_alnum(chars[x]))) {
            if (left < 0)
                left = x;
        } else {
            if (left >= 0) {
                if (cut_run(d, scratch, chars, start, left, x, hmm, sink) < 0)
                    return -1;
                left = -1;
            }
            if (sink->emit(sink, x, y, route[x - start].node) < 0)
                return -1;
        }
        x = y;
    }
    if (left >= 0)
        return cut_run(d, scratch, chars, start, left, end, hmm, sink);
    return 0;
}

static int cut_chars(const Dict *d, const Py_UCS4 *chars, Py_ssize_t n, int hmm, Sink *sink) {
    Scratch scratch = {NULL, NULL, NULL, 0};
    int status = 0;
    Py_ssize_t i = 0;
    while (i < n) {
        if (in_block(chars[i])) {
            Py_ssize_t j = i + 1;
            while (j < n && in_block(chars[j]))
                j++;
            if ((status = cut_block(d, &scratch, chars, i, j, hmm, sink)) < 0)
                break;
            i = j;
        } else {
            Py_ssize_t j = chars[i] == '\r' && i + 1 < n && chars[i + 1] == '\n' ? i + 2 : i + 1;
            if ((status = sink->emit(sink, i, j, -1)) < 0)
                break;
            i = j;
        }
    }
    release(&scratch);
    return status;
}

/* --- the Python type ---------------------------------------------------------------------- */

typedef struct {
    PyObject_HEAD Dict dict;
    PyObject *singles[0x10000]; /* one-character tokens of the BMP that are not words */
    uint32_t call;              /* cut_and_count calls so far (Node.seen) */
} Segmenter;

static void segmenter_dealloc(Segmenter *self) {
    Dict *d = &self->dict;
    for (int32_t i = 0; i < d->n_nodes; i++)
        Py_XDECREF(d->nodes[i].text);
    for (int i = 0; i < 0x10000; i++)
        Py_XDECREF(self->singles[i]);
    free(d->root);
    free(d->slots);
    free(d->filter);
    free(d->nodes);
    free(d->emit_p);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

/* The code points of a str, in a buffer the caller frees (PyMem_Free). */
static Py_UCS4 *code_points(PyObject *text, Py_ssize_t *n) {
    *n = PyUnicode_GET_LENGTH(text);
    return PyUnicode_AsUCS4Copy(text);
}

static int read_dictionary(Dict *d, const char *path) {
    FILE *file = fopen(path, "rb");
    if (!file) {
        PyErr_SetFromErrnoWithFilename(PyExc_OSError, path);
        return -1;
    }
    char line[4096];
    int status = 0;
    while (fgets(line, sizeof line, file)) {
        char *word = strtok(line, " \t\r\n");
        if (!word)
            continue;
        char *freq_text = strtok(NULL, " \t\r\n");
        uint64_t freq = freq_text ? strtoull(freq_text, NULL, 10) : 0;
        PyObject *text = PyUnicode_DecodeUTF8(word, (Py_ssize_t)strlen(word), "strict");
        if (!text) {
            status = -1;
            break;
        }
        Py_ssize_t n;
        Py_UCS4 *chars = code_points(text, &n);
        Py_DECREF(text);
        if (!chars) {
            status = -1;
            break;
        }
        int32_t node = insert(d, chars, n);
        PyMem_Free(chars);
        if (node < 0) {
            PyErr_NoMemory();
            status = -1;
            break;
        }
        /* a word listed twice (B超) keeps its last frequency, and counts once in the total */
        d->total = d->total + freq - d->nodes[node].freq;
        set_freq(d, node, freq);
    }
    fclose(file);
    d->log_total = log((double)d->total);
    return status;
}

static int read_probs(const char *what, PyObject *row, double out[4]) {
    for (int y = 0; y < 4; y++) {
        PyObject *value = PyDict_GetItemString(row, STATE_NAMES[y]);
        out[y] = value ? PyFloat_AsDouble(value) : MIN_FLOAT;
        if (out[y] == -1.0 && PyErr_Occurred()) {
            PyErr_Format(PyExc_ValueError, "%s: not a probability", what);
            return -1;
        }
    }
    return 0;
}

/* Segmenter(dict_path, start, trans, emit): jieba's dict.txt and finalseg's P tables. */
static int segmenter_init(Segmenter *self, PyObject *args, PyObject *kwargs) {
    const char *path;
    PyObject *start, *trans, *emit;
    if (!PyArg_ParseTuple(args, "sO!O!O!", &path, &PyDict_Type, &start, &PyDict_Type, &trans,
                          &PyDict_Type, &emit))
        return -1;
    Dict *d = &self->dict;
    if (d->root) {
        PyErr_SetString(PyExc_RuntimeError, "Segmenter is initialised once");
        return -1;
    }
    d->root = malloc(ROOT_DIRECT * sizeof *d->root);
    d->filter = calloc(FILTER_BITS / 64, sizeof *d->filter);
    d->emit_p = malloc((HMM_HI - HMM_LO + 1) * sizeof *d->emit_p);
    if (!d->root || !d->filter || !d->emit_p || grow_slots(d) < 0 || new_node(d, -1, 0) < 0) {
        PyErr_NoMemory();
        return -1;
    }
    for (Py_UCS4 c = 0; c < ROOT_DIRECT; c++)
        d->root[c] = (Edge){0, 0.0, -1, 0};
    if (read_probs("start", start, d->start_p) < 0)
        return -1;
    for (int y = 0; y < 4; y++) {
        PyObject *row = PyDict_GetItemString(trans, STATE_NAMES[y]);
        if (!row || !PyDict_Check(row) || read_probs("trans", row, d->trans_p[y]) < 0) {
            PyErr_SetString(PyExc_ValueError, "trans: one dict per state");
            return -1;
        }
    }
    for (int c = 0; c <= HMM_HI - HMM_LO; c++)
        for (int y = 0; y < 4; y++)
            d->emit_p[c][y] = MIN_FLOAT;
    for (int y = 0; y < 4; y++) {
        PyObject *row = PyDict_GetItemString(emit, STATE_NAMES[y]);
        if (!row || !PyDict_Check(row)) {
            PyErr_SetString(PyExc_ValueError, "emit: one dict per state");
            return -1;
        }
        PyObject *key, *value;
        Py_ssize_t pos = 0;
        while (PyDict_Next(row, &pos, &key, &value)) {
            if (!PyUnicode_Check(key) || PyUnicode_GET_LENGTH(key) != 1)
                continue;
            Py_UCS4 c = PyUnicode_READ_CHAR(key, 0);
            if (c < HMM_LO || c > HMM_HI)
                continue; /* the HMM only sees U+4E00..U+9FD5 */
            double p = PyFloat_AsDouble(value);
            if (p == -1.0 && PyErr_Occurred())
                return -1;
            d->emit_p[c - HMM_LO][y] = p;
        }
    }
    return read_dictionary(d, path);
}

/* suggest_freq's sink: adds up log(freq) - log_total over the tokens. */
typedef struct {
    Sink sink;
    const Dict *dict;
    const Py_UCS4 *chars;
    double log_freq;
} SuggestSink;

static int suggest_emit(Sink *sink, Py_ssize_t start, Py_ssize_t end, int32_t node) {
    SuggestSink *s = (SuggestSink *)sink;
    (void)node;
    int32_t found = lookup(s->dict, s->chars, start, end);
    uint64_t freq = found >= 0 ? s->dict->nodes[found].freq : 1;
    s->log_freq = s->log_freq + log((double)freq) - s->dict->log_total;
    return 0;
}

/* add_word(word) -> the frequency given, as jieba-rs's add_word(word, None, tag). */
static PyObject *segmenter_add_word(Segmenter *self, PyObject *word) {
    if (!PyUnicode_Check(word)) {
        PyErr_SetString(PyExc_TypeError, "add_word takes a str");
        return NULL;
    }
    Dict *d = &self->dict;
    if (!d->root) {
        PyErr_SetString(PyExc_RuntimeError, "Segmenter is not initialised");
        return NULL;
    }
    Py_ssize_t n;
    Py_UCS4 *chars = code_points(word, &n);
    if (!chars)
        return NULL;
    if (n == 0) {
        PyMem_Free(chars);
        return PyLong_FromLong(0);
    }
    SuggestSink s = {{suggest_emit}, d, chars, 0.0};
    if (cut_chars(d, chars, n, 0, &s.sink) < 0) {
        PyMem_Free(chars);
        return NULL;
    }
    int32_t existing = lookup(d, chars, 0, n);
    uint64_t own = existing >= 0 ? d->nodes[existing].freq : 1;
    uint64_t freq = (uint64_t)exp(s.log_freq + d->log_total) + 1;
    if (freq < own)
        freq = own;
    int32_t node = existing >= 0 ? existing : insert(d, chars, n);
    PyMem_Free(chars);
    if (node < 0)
        return PyErr_NoMemory();
    uint64_t old = existing >= 0 ? d->nodes[existing].freq : 0;
    set_freq(d, node, freq);
    d->total = d->total + freq - old;
    d->log_total = log((double)d->total);
    return PyLong_FromUnsignedLongLong(freq);
}

/* A token of two or more characters that is not a dictionary word, and its count. */
typedef struct {
    PyObject *word; /* held by the list of tokens */
    uint32_t count;
} Other;

/* cut_and_count's sink: the tokens as str objects, and per word of two or more characters
 * its count, in order of first occurrence. */
typedef struct {
    Sink sink;
    Segmenter *self;
    PyObject *key;
    const Py_UCS4 *chars;
    PyObject *words;  /* list */
    PyObject *others; /* str -> its index in `other` */
    int32_t *order;   /* >= 0: a node; < 0: -1 - index into `other` */
    Py_ssize_t ordered, order_room;
    Other *other;
    Py_ssize_t n_other, other_room;
} CutSink;

static int grow(void **buffer, Py_ssize_t *room, size_t size) {
    Py_ssize_t more = *room ? *room * 2 : 256;
    void *bigger = realloc(*buffer, more * size);
    if (!bigger) {
        PyErr_NoMemory();
        return -1;
    }
    *buffer = bigger;
    *room = more;
    return 0;
}

/* A word counted for the first time in this call: next in the order of first occurrence. */
static int first_seen(CutSink *s, int32_t at) {
    if (s->ordered == s->order_room &&
        grow((void **)&s->order, &s->order_room, sizeof *s->order) < 0)
        return -1;
    s->order[s->ordered++] = at;
    return 0;
}

static int count_other(CutSink *s, PyObject *text) {
    PyObject *index = PyDict_GetItemWithError(s->others, text);
    if (index) {
        s->other[PyLong_AsSsize_t(index)].count++;
        return 0;
    }
    if (PyErr_Occurred())
        return -1;
    if (s->n_other == s->other_room &&
        grow((void **)&s->other, &s->other_room, sizeof *s->other) < 0)
        return -1;
    PyObject *position = PyLong_FromSsize_t(s->n_other);
    if (!position || PyDict_SetItem(s->others, text, position) < 0) {
        Py_XDECREF(position);
        return -1;
    }
    Py_DECREF(position);
    s->other[s->n_other] = (Other){text, 1};
    return first_seen(s, (int32_t)(-1 - s->n_other++));
}

static int cut_emit(Sink *sink, Py_ssize_t start, Py_ssize_t end, int32_t node) {
    CutSink *s = (CutSink *)sink;
    Segmenter *self = s->self;
    Dict *d = &self->dict;
    PyObject *text;
    if (node < 0 && end - start >= 2)
        node = lookup(d, s->chars, start, end); /* a word the route did not look up itself */
    if (node >= 0) {
        text = d->nodes[node].text;
        if (!text) {
            text = PyUnicode_Substring(s->key, start, end);
            if (!text)
                return -1;
            d->nodes[node].text = text;
        }
        Py_INCREF(text);
    } else if (end - start == 1 && s->chars[start] < 0x10000) {
        PyObject **single = &self->singles[s->chars[start]];
        if (!*single && !(*single = PyUnicode_Substring(s->key, start, end)))
            return -1;
        text = *single;
        Py_INCREF(text);
    } else if (!(text = PyUnicode_Substring(s->key, start, end))) {
        return -1;
    }
    if (PyList_Append(s->words, text) < 0) {
        Py_DECREF(text);
        return -1;
    }
    Py_DECREF(text); /* the list holds it */
    if (end - start < 2)
        return 0;
    if (node < 0)
        return count_other(s, text);
    Node *counted = &d->nodes[node];
    if (counted->seen == self->call) {
        counted->count++;
        return 0;
    }
    counted->seen = self->call;
    counted->count = 1;
    return first_seen(s, node);
}

/* cut_and_count(text) -> (tokens, {token of two or more characters: count}) */
static PyObject *segmenter_cut_and_count(Segmenter *self, PyObject *key) {
    if (!PyUnicode_Check(key)) {
        PyErr_SetString(PyExc_TypeError, "cut_and_count takes a str");
        return NULL;
    }
    if (!self->dict.root) {
        PyErr_SetString(PyExc_RuntimeError, "Segmenter is not initialised");
        return NULL;
    }
    /* Every container is made before the cut: making one may run the garbage collector, and
     * with it a finalizer that lets another thread cut with this segmenter, whose counts in
     * the trie's nodes would then be mixed with ours. Nothing below makes one until the counts
     * are read. */
    CutSink s = {{cut_emit}, self, key, NULL, PyList_New(0), PyDict_New(), NULL, 0, 0, NULL, 0, 0};
    PyObject *counts = PyDict_New(), *result = NULL;
    Py_ssize_t n;
    Py_UCS4 *chars = NULL;
    if (!s.words || !s.others || !counts || !(chars = code_points(key, &n)))
        goto done;
    s.chars = chars;
    if (++self->call == 0) { /* wrapped: forget every stamp */
        for (int32_t i = 0; i < self->dict.n_nodes; i++)
            self->dict.nodes[i].seen = 0;
        self->call = 1;
    }
    if (cut_chars(&self->dict, chars, n, 1, &s.sink) < 0)
        goto done;
    for (Py_ssize_t i = 0; i < s.ordered; i++) {
        int32_t at = s.order[i];
        PyObject *word = at >= 0 ? self->dict.nodes[at].text : s.other[-1 - at].word;
        uint32_t times = at >= 0 ? self->dict.nodes[at].count : s.other[-1 - at].count;
        PyObject *count = PyLong_FromUnsignedLong(times);
        if (!count || PyDict_SetItem(counts, word, count) < 0) {
            Py_XDECREF(count);
            goto done;
        }
        Py_DECREF(count);
    }
    result = PyTuple_Pack(2, s.words, counts);
done:
    if (chars)
        PyMem_Free(chars);
    Py_XDECREF(s.words);
    Py_XDECREF(s.others);
    Py_XDECREF(counts);
    free(s.order);
    free(s.other);
    return result;
}

static PyObject *segmenter_cut(Segmenter *self, PyObject *key) {
    PyObject *pair = segmenter_cut_and_count(self, key);
    if (!pair)
        return NULL;
    PyObject *words = PyTuple_GET_ITEM(pair, 0);
    Py_INCREF(words);
    Py_DECREF(pair);
    return words;
}

static PyMethodDef segmenter_methods[] = {
    {"add_word", (PyCFunction)segmenter_add_word, METH_O,
     "add_word(word) -> frequency: add a word, just frequent enough to be cut whole."},
    {"cut", (PyCFunction)segmenter_cut, METH_O, "cut(text) -> tokens"},
    {"cut_and_count", (PyCFunction)segmenter_cut_and_count, METH_O,
     "cut_and_count(text) -> (tokens, counts of the tokens of two or more characters)"},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject SegmenterType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "analysis.accel._segmenter.Segmenter",
    .tp_basicsize = sizeof(Segmenter),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "Segmenter(dict_path, start, trans, emit): jieba's segmentation, in C.",
    .tp_new = PyType_GenericNew,
    .tp_init = (initproc)segmenter_init,
    .tp_dealloc = (destructor)segmenter_dealloc,
    .tp_methods = segmenter_methods,
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "analysis.accel._segmenter",
    "jieba's segmentation in C, as rjieba cuts (see segmenter.c).", -1, NULL,
};

PyMODINIT_FUNC PyInit__segmenter(void) {
    if (PyType_Ready(&SegmenterType) < 0)
        return NULL;
    PyObject *m = PyModule_Create(&module);
    if (!m)
        return NULL;
    Py_INCREF(&SegmenterType);
    if (PyModule_AddObject(m, "Segmenter", (PyObject *)&SegmenterType) < 0) {
        Py_DECREF(&SegmenterType);
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
