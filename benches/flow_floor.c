/* The floor under `flowclass extract`: the least a flow tool can do with a capture. Reads a
 * classic pcap (Ethernet, any byte order, µs or ns) from a file or standard input, finds each
 * IPv4/IPv6 TCP or UDP packet's 5-tuple (both directions as one key) and counts packets and bytes
 * per flow in an open-addressing hash table. Prints packets, flows and the table's size; no
 * timeouts, no features, no output per flow. benches/extract.sh times it beside flowclass.
 *
 *   cc -O2 -o flow_floor benches/flow_floor.c && ./flow_floor capture.pcap
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct key {
    uint8_t a[16], b[16]; /* the smaller endpoint's address first */
    uint16_t pa, pb;
    uint8_t proto, used;
};
struct slot {
    struct key k;
    uint64_t packets, bytes;
};

static struct slot *table;
static size_t cap = 1 << 20, used;

static uint64_t mix(uint64_t h) { /* murmur3's finalizer: every bit affects every bit */
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ull;
    return h ^ h >> 33;
}

static uint64_t hash(const struct key *k) {
    const uint8_t *p = (const uint8_t *)k;
    uint64_t h = (uint64_t)k->pa << 24 ^ (uint64_t)k->pb << 8 ^ k->proto;
    for (size_t i = 0; i + 8 <= 32; i += 8) { /* the two addresses, 8 bytes at a time */
        uint64_t w;
        memcpy(&w, p + i, 8);
        h = mix(h ^ w);
    }
    return h;
}

static void grow(void);

/* The slot of key k, claimed for it if it has none yet. */
static struct slot *find(const struct key *k) {
    if (used * 2 >= cap) grow();
    for (size_t i = hash(k) & (cap - 1);; i = (i + 1) & (cap - 1)) {
        struct slot *s = &table[i];
        if (!s->k.used) {
            s->k = *k;
            s->k.used = 1;
            used++;
            return s;
        }
        if (!memcmp(&s->k, k, offsetof(struct key, used))) return s;
    }
}

static void grow(void) {
    struct slot *old = table;
    size_t old_cap = cap;
    cap *= 2;
    table = calloc(cap, sizeof *table);
    used = 0;
    for (size_t i = 0; i < old_cap; i++)
        if (old[i].k.used) *find(&old[i].k) = old[i];
    free(old);
}

static uint32_t rd32(const uint8_t *p, int swap) {
    uint32_t v;
    memcpy(&v, p, 4);
    return swap ? __builtin_bswap32(v) : v;
}

int main(int argc, char **argv) {
    FILE *f = argc > 1 && strcmp(argv[1], "-") ? fopen(argv[1], "rb") : stdin;
    if (!f) { perror(argv[1]); return 1; }
    static uint8_t buf[1 << 16];
    setvbuf(f, NULL, _IOFBF, 1 << 20);
    uint8_t gh[24];
    if (fread(gh, 1, 24, f) != 24) { fprintf(stderr, "short file\n"); return 1; }
    uint32_t magic;
    memcpy(&magic, gh, 4);
    int swap = magic == 0xd4c3b2a1 || magic == 0x4d3cb2a1;
    if (!swap && magic != 0xa1b2c3d4 && magic != 0xa1b23c4d) { fprintf(stderr, "not a pcap\n"); return 1; }
    table = calloc(cap, sizeof *table);
    uint64_t packets = 0, frames = 0;
    uint8_t rh[16];
    while (fread(rh, 1, 16, f) == 16) {
        uint32_t incl = rd32(rh + 8, swap);
        if (incl > sizeof buf || fread(buf, 1, incl, f) != incl) break;
        frames++;
        if (incl < 14) continue;
        const uint8_t *p = buf + 14;
        uint16_t ethertype = buf[12] << 8 | buf[13];
        size_t n = incl - 14;
        if (ethertype == 0x8100 && n >= 4) { ethertype = p[2] << 8 | p[3]; p += 4; n -= 4; }
        struct key k;
        memset(&k, 0, sizeof k);
        const uint8_t *l4;
        uint32_t iplen;
        size_t alen;
        if (ethertype == 0x0800 && n >= 20) {
            size_t ihl = (p[0] & 15) * 4;
            if (n < ihl + 4) continue;
            k.proto = p[9];
            iplen = p[2] << 8 | p[3];
            alen = 4;
            memcpy(k.a, p + 12, 4);
            memcpy(k.b, p + 16, 4);
            l4 = p + ihl;
        } else if (ethertype == 0x86dd && n >= 44) {
            k.proto = p[6];
            iplen = 40 + (p[4] << 8 | p[5]);
            alen = 16;
            memcpy(k.a, p + 8, 16);
            memcpy(k.b, p + 24, 16);
            l4 = p + 40;
        } else {
            continue;
        }
        if (k.proto != 6 && k.proto != 17) continue;
        k.pa = l4[0] << 8 | l4[1];
        k.pb = l4[2] << 8 | l4[3];
        int c = memcmp(k.a, k.b, alen);
        if (c > 0 || (c == 0 && k.pa > k.pb)) {
            uint8_t t[16];
            memcpy(t, k.a, 16); memcpy(k.a, k.b, 16); memcpy(k.b, t, 16);
            uint16_t tp = k.pa; k.pa = k.pb; k.pb = tp;
        }
        struct slot *s = find(&k);
        s->packets++;
        s->bytes += iplen;
        packets++;
    }
    printf("frames %llu packets %llu flows %zu table_mb %.1f\n", (unsigned long long)frames,
           (unsigned long long)packets, used, cap * sizeof *table / 1048576.0);
    return 0;
}
