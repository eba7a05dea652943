// SPDX-License-Identifier: GPL-2.0
/*
 * mutate: push mutated ELF images through ELFK_IOC_LOAD.
 *
 *   mutate [--seed N] [--iterations N] [--max-seconds S] [--dev PATH]
 *          [--messages FILE] [--top N] [--quiet] SEED.so...
 *   mutate --check-only FILE...
 *
 * Each iteration copies one seed, applies one to eight mutations and loads
 * the result with a log buffer.  Mutations favour the metadata the kernel
 * parses, whose ranges are found once by parsing each seed with the same
 * portable core the module is built from: the ELF header, the program
 * headers, the dynamic section, .dynsym, .dynstr, both hash tables, the
 * relocation tables and the end of the file.  They write random bytes,
 * u16/u32/u64 values (random, or "interesting": 0, 1, -1, 0x7fffffff,
 * sizes, offsets near the end of the file, ...), add small deltas, flip
 * bits, copy entries over each other and, rarely, truncate the image.
 *
 * Seeds must run no code at load (noctor.so, fixture-noinit.elf).  As a
 * second guard every mutant is parsed here first, with the core the module
 * runs: one that would have DT_INIT, DT_INIT_ARRAY, DT_FINI, DT_FINI_ARRAY,
 * elfk_init, elfk_exit or an IFUNC is not submitted (counted as "filtered");
 * --check-only applies just this test to files.  A load
 * that succeeds is unloaded at once; nothing in it is ever called.
 *
 * Counts executions, loads, rejections by errno and unique rejection
 * messages (the first log line, numbers and quoted names normalised), and
 * prints a summary and TAP lines.  The same --seed gives the same images.
 * Exits 1 if any check failed.
 */
#include "core.h"
#include "stress.h"

#define LOG_SIZE 4096
#define MAX_SEEDS 16
#define MAX_REGIONS 16
#define MSG_SLOTS 16384
#define MAX_ERRNO 256

struct region {
	const char *what;
	u64 start, len;
	unsigned int weight;
};

struct seed {
	const char *path;
	unsigned char *buf;
	size_t len;
	struct region reg[MAX_REGIONS];
	unsigned int nreg, total_weight;
};

struct msg {
	char *text;
	unsigned long count;
	int err;
};

static struct seed seeds[MAX_SEEDS];
static unsigned int nseeds;
static struct msg msgs[MSG_SLOTS];
static unsigned int nmsgs;
static unsigned long errcount[MAX_ERRNO];
static unsigned long empty_log[MAX_ERRNO];

/* ---- parsing with the core ------------------------------------------------ */

static int file_offset(const struct elfk_elf *elf, u64 vaddr, u64 *off)
{
	u32 i;

	for (i = 0; i < elf->nr_segs; i++) {
		const struct elfk_segment *s = &elf->segs[i];

		if (vaddr >= s->vaddr && vaddr < s->vaddr + s->filesz) {
			*off = s->offset + (vaddr - s->vaddr);
			return 0;
		}
	}
	return -1;
}

static void add_region(struct seed *s, const char *what, u64 start, u64 len,
		       unsigned int weight)
{
	struct region *r;

	if (s->nreg == MAX_REGIONS || !len || start >= s->len)
		return;
	if (len > s->len - start)
		len = s->len - start;
	r = &s->reg[s->nreg++];
	r->what = what;
	r->start = start;
	r->len = len;
	r->weight = weight;
	s->total_weight += weight;
}

static void add_table(struct seed *s, const struct elfk_elf *elf,
		      const char *what, u64 vaddr, u64 len, unsigned int weight)
{
	u64 off;

	if (!file_offset(elf, vaddr, &off))
		add_region(s, what, off, len, weight);
}

static void find_regions(struct seed *s)
{
	static char logbuf[1024];
	struct elfk_elf elf;
	struct elfk_log log;
	const struct elfk_dynamic *d = &elf.dyn;
	int err;

	memset(&elf, 0, sizeof(elf));
	elfk_log_init(&log, logbuf, sizeof(logbuf), ELFK_LOG_LEVEL_ERROR);
	add_region(s, "ELF header", 0, sizeof(Elf64_Ehdr), 15);
	add_region(s, "whole file", 0, s->len, 2);
	add_region(s, "end of file", s->len > 256 ? s->len - 256 : 0, 256, 1);
	err = elfk_elf_parse(&elf, &elfk_arch_ops, s->buf, s->len,
			     &elfk_default_limits, &log);
	if (err) {
		fprintf(stderr, "# %s: does not parse (%s): %s", s->path,
			errno_name(-err), logbuf);
		return;
	}
	add_region(s, "program headers", elf.ehdr->e_phoff,
		   (u64)elf.phnum * sizeof(Elf64_Phdr), 20);
	add_region(s, "dynamic", elf.dyn_offset, elf.dyn_count * sizeof(Elf64_Dyn), 20);
	add_table(s, &elf, "dynsym", d->symtab, (u64)elf.nr_syms * sizeof(Elf64_Sym), 10);
	if (ELFK_HAS(d, STRSZ))
		add_table(s, &elf, "dynstr", d->strtab, d->strsz, 5);
	if (elf.has_sysv)
		add_table(s, &elf, "DT_HASH", d->hash,
			  8 + 4 * ((u64)elf.sysv.nbucket + elf.sysv.nchain), 5);
	if (elf.has_gnu)
		add_table(s, &elf, "DT_GNU_HASH", d->gnu_hash,
			  16 + 8 * (u64)elf.gnu.bloom_size + 4 * (u64)elf.gnu.nbuckets +
			  4 * (u64)(elf.nr_syms > elf.gnu.symoffset ?
				    elf.nr_syms - elf.gnu.symoffset : 0), 6);
	if (ELFK_HAS(d, RELA) && ELFK_HAS(d, RELASZ))
		add_table(s, &elf, "DT_RELA", d->rela, d->relasz, 8);
	if (ELFK_HAS(d, JMPREL) && ELFK_HAS(d, PLTRELSZ))
		add_table(s, &elf, "DT_JMPREL", d->jmprel, d->pltrelsz, 5);
}

/* Whether any entry of a relocation table of @elf would call an IFUNC resolver. */
static int has_ifunc_reloc(const struct elfk_elf *elf, u64 vaddr, u64 size)
{
	const Elf64_Rela *r = elfk_elf_ptr(elf, vaddr);
	u64 i, n = size / sizeof(*r);

	for (i = 0; i < n; i++) {
		u32 type = ELF64_R_TYPE(r[i].r_info), sym = ELF64_R_SYM(r[i].r_info);

		if (type == elfk_arch_ops.irelative_type)
			return 1;
		if (sym && (sym >= elf->nr_syms ||
			    ELF64_ST_TYPE(elf->symtab[sym].st_info) == STT_GNU_IFUNC))
			return 1;
	}
	return 0;
}

static int mutate_alloc(void *ctx, struct elfk_elf *elf, void **base,
			struct elfk_log *log)
{
	void **mem = ctx;

	if (posix_memalign(mem, elf->align, elf->vsize)) {
		*mem = NULL;
		return -ENOMEM;
	}
	memset(*mem, 0, elf->vsize);
	*base = *mem;
	return 0;
}

/*
 * Whether loading @buf could run code in it.  The kernel runs the same
 * parser, so an image refused here is refused there before anything runs;
 * one accepted here is checked for every way the kernel calls into an
 * object at load or unload: DT_INIT, DT_INIT_ARRAY, DT_FINI,
 * DT_FINI_ARRAY (also what an ET_REL object's .init_array/.ctors
 * sections become), IFUNC resolvers (R_X86_64_IRELATIVE, STT_GNU_IFUNC
 * symbols), elfk_init and elfk_exit.
 */
static int might_run_code(const unsigned char *buf, size_t len)
{
	static char logbuf[256];
	const struct elfk_dynamic *d;
	struct elfk_elf elf;
	struct elfk_log log;
	void *mem = NULL;
	const struct elfk_load_env env = {
		.arch = &elfk_arch_ops, .log = &log, .alloc = mutate_alloc,
		.stop_after = ELFK_LOAD_PLACED, .ctx = &mem,
	};
	int risky = 1, err;
	u32 i;

	memset(&elf, 0, sizeof(elf));
	elfk_log_init(&log, logbuf, sizeof(logbuf), ELFK_LOG_LEVEL_ERROR);
	/* The kernel's own steps, as far as placing: refused there, too. */
	err = elfk_image_load(&elf, buf, len, &env);
	if (err) {
		/* Out of memory here says nothing about the kernel. */
		risky = err == -ENOMEM;
		goto out;
	}
	d = &elf.dyn;
	if (ELFK_HAS(d, INIT) || ELFK_HAS(d, INIT_ARRAY) || ELFK_HAS(d, FINI) ||
	    ELFK_HAS(d, FINI_ARRAY))
		goto out;
	if (elfk_elf_lookup(&elf, "elfk_init") || elfk_elf_lookup(&elf, "elfk_exit"))
		goto out;
	if (!elf.rel) {
		for (i = 0; i < elf.nr_syms; i++)
			if (ELF64_ST_TYPE(elf.symtab[i].st_info) == STT_GNU_IFUNC)
				goto out;
		if (ELFK_HAS(d, RELA) && has_ifunc_reloc(&elf, d->rela, d->relasz))
			goto out;
		if (ELFK_HAS(d, JMPREL) && has_ifunc_reloc(&elf, d->jmprel, d->pltrelsz))
			goto out;
	}
	risky = 0;
out:
	elfk_elf_release(&elf);
	free(mem);
	return risky;
}

/* ---- mutations -------------------------------------------------------------- */

static u64 interesting(uint64_t *rs, size_t len)
{
	static const u64 fixed[] = {
		0, 1, 2, 3, 4, 7, 8, 16, 24, 56, 64, 0x7f, 0x80, 0xff, 0x100,
		0xfff, 0x1000, 0x1001, 0x7fff, 0x8000, 0xffff, 0x10000,
		0x200000, 0x4000000, 0x4000001, 0x7fffffff, 0x80000000,
		0xffffffff, 0x100000000ULL, 0x7fffffffffffffffULL,
		0x8000000000000000ULL, ~0ULL, ~0ULL - 1, ~0ULL - 7, ~0ULL - 0xfff,
	};
	u64 k = rng_below(rs, ARRAY_SIZE(fixed) + 8);

	if (k < ARRAY_SIZE(fixed))
		return fixed[k];
	switch (k - ARRAY_SIZE(fixed)) {
	case 0: return len;
	case 1: return len - 1;
	case 2: return len + 1;
	case 3: return len - 8;
	case 4: return len - sizeof(Elf64_Phdr);
	case 5: return len - rng_below(rs, 64);
	case 6: return rng_below(rs, len + 1);
	default: return 1ULL << rng_below(rs, 64);
	}
}

static void put(unsigned char *p, unsigned int width, u64 v)
{
	memcpy(p, &v, width);	/* little endian */
}

static u64 get(const unsigned char *p, unsigned int width)
{
	u64 v = 0;

	memcpy(&v, p, width);
	return v;
}

/* Apply one mutation to @buf (a copy of @s); may shrink *@len. */
static void mutate_once(uint64_t *rs, const struct seed *s, unsigned char *buf,
			size_t *len)
{
	static const unsigned int widths[] = { 1, 2, 4, 8 };
	static const u64 chunks[] = { 8, 16, 24, 56 };
	const struct region *r = &s->reg[0];
	unsigned int w = rng_below(rs, s->total_weight), i, width;
	u64 pos, v, src, n;

	for (i = 0; i < s->nreg; i++) {
		if (w < s->reg[i].weight) {
			r = &s->reg[i];
			break;
		}
		w -= s->reg[i].weight;
	}
	width = widths[rng_below(rs, 4)];
	if (r->len < width)
		width = 1;
	pos = r->start + rng_below(rs, r->len - width + 1);
	/* Mostly naturally aligned: the fields are. */
	if (rng_below(rs, 4))
		pos &= ~(u64)(width - 1);
	if (pos + width > *len)
		return;

	switch (rng_below(rs, 16)) {
	case 0: case 1: case 2:			/* random value */
		put(buf + pos, width, rng_next(rs));
		break;
	case 3: case 4: case 5: case 6: case 7:	/* interesting value */
		put(buf + pos, width, interesting(rs, *len));
		break;
	case 8: case 9:				/* small delta */
		v = get(buf + pos, width) + (rng_below(rs, 33) - 16);
		put(buf + pos, width, v);
		break;
	case 10: case 11: case 12:		/* bit flip */
		buf[pos] ^= 1u << rng_below(rs, 8);
		break;
	case 13:				/* random byte */
		buf[pos] = rng_next(rs);
		break;
	case 14:				/* copy an entry-sized chunk */
		n = chunks[rng_below(rs, 4)];
		if (n > *len)
			break;
		src = rng_below(rs, *len - n + 1) & ~7ULL;
		pos &= ~7ULL;
		if (pos + n <= *len)
			memmove(buf + pos, buf + src, n);
		break;
	case 15:				/* truncate, rarely */
		if (!rng_below(rs, 8))
			*len = rng_below(rs, *len + 1);
		else
			put(buf + pos, width, ~get(buf + pos, width));
		break;
	}
}

/* ---- bookkeeping --------------------------------------------------------------- */

/* First line of the log, numbers and quoted names replaced by '#'/'%'. */
static void normalise(const char *log, char *out, size_t size)
{
	size_t o = 0;
	const char *p = log;

	while (*p && *p != '\n' && o + 2 < size) {
		if (p[0] == '0' && p[1] == 'x') {
			p += 2;
			while ((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f') ||
			       (*p >= 'A' && *p <= 'F'))
				p++;
			out[o++] = '#';
		} else if (*p >= '0' && *p <= '9') {
			while (*p >= '0' && *p <= '9')
				p++;
			out[o++] = '#';
		} else if (*p == '\'') {
			out[o++] = '\'';
			p++;
			while (*p && *p != '\'' && *p != '\n')
				p++;
			if (*p == '\'')
				p++;
			out[o++] = '%';
			if (o + 2 < size)
				out[o++] = '\'';
		} else {
			out[o++] = *p++;
		}
	}
	out[o] = '\0';
}

static void count_message(const char *log, int err)
{
	char text[512];
	uint64_t h = 1469598103934665603ULL;
	unsigned int slot, i;
	const char *p;

	normalise(log, text, sizeof(text));
	for (p = text; *p; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211ULL;
	h ^= err;
	for (i = 0; i < MSG_SLOTS; i++) {
		slot = (h + i) % MSG_SLOTS;
		if (!msgs[slot].text) {
			if (nmsgs >= MSG_SLOTS * 3 / 4)
				return;
			msgs[slot].text = strdup(text);
			msgs[slot].err = err;
			msgs[slot].count = 1;
			nmsgs++;
			return;
		}
		if (msgs[slot].err == err && !strcmp(msgs[slot].text, text)) {
			msgs[slot].count++;
			return;
		}
	}
}

static int cmp_msg(const void *a, const void *b)
{
	const struct msg *x = a, *y = b;

	if (!x->text || !y->text)
		return !x->text - !y->text;
	if (x->count != y->count)
		return x->count < y->count ? 1 : -1;
	return strcmp(x->text, y->text);
}

static int expected_errno(int e)
{
	switch (e) {
	case ENOEXEC: case EOPNOTSUPP: case ENOENT: case ERANGE: case E2BIG:
	case EFBIG: case ENOSPC: case ENOMEM:
		return 1;
	default:
		return 0;
	}
}

static void print_usage(void)
{
	fprintf(stderr,
		"usage: mutate [--seed N] [--iterations N] [--max-seconds S] [--dev PATH]\n"
		"              [--messages FILE] [--top N] [--quiet] SEED...\n"
		"       mutate --check-only FILE...   (could loading FILE run code?)\n");
	exit(2);
}

int main(int argc, char **argv)
{
	unsigned long iterations = 10000, it, loads = 0, rejects = 0, filtered = 0;
	unsigned long unload_fail = 0, unexpected = 0, small_log = 0, no_log = 0;
	unsigned long seed_fail = 0, bad_nospc = 0, silent = 0;
	const char *dev = NULL, *msgfile = NULL;
	unsigned long long seed = 1;
	double max_seconds = 0, t0, t1, t2, elapsed, t_ok = 0, t_rej = 0;
	unsigned int top = 25, i, id = 0, true_size = 0, level, log_size;
	unsigned char *work, *s_buf;
	size_t maxlen = 0, len;
	static char logbuf[LOG_SIZE];
	uint64_t rs;
	int fd, err, quiet = 0, left, fail = 0, check_only = 0;

	for (i = 1; i < (unsigned int)argc; i++) {
		if (!strcmp(argv[i], "--seed") && i + 1 < (unsigned int)argc)
			seed = strtoull(argv[++i], NULL, 0);
		else if (!strcmp(argv[i], "--iterations") && i + 1 < (unsigned int)argc)
			iterations = strtoul(argv[++i], NULL, 0);
		else if (!strcmp(argv[i], "--max-seconds") && i + 1 < (unsigned int)argc)
			max_seconds = strtod(argv[++i], NULL);
		else if (!strcmp(argv[i], "--dev") && i + 1 < (unsigned int)argc)
			dev = argv[++i];
		else if (!strcmp(argv[i], "--messages") && i + 1 < (unsigned int)argc)
			msgfile = argv[++i];
		else if (!strcmp(argv[i], "--top") && i + 1 < (unsigned int)argc)
			top = strtoul(argv[++i], NULL, 0);
		else if (!strcmp(argv[i], "--quiet"))
			quiet = 1;
		else if (!strcmp(argv[i], "--check-only"))
			check_only = 1;
		else if (argv[i][0] == '-')
			print_usage();
		else if (nseeds < MAX_SEEDS)
			seeds[nseeds++].path = argv[i];
	}
	if (!nseeds)
		print_usage();

	if (check_only) {
		/* Only say which files could run code if loaded (no device). */
		for (i = 0; i < nseeds; i++) {
			s_buf = read_file(seeds[i].path, &len);
			printf("%s: %s\n", seeds[i].path,
			       might_run_code(s_buf, len) ? "could run code" : "runs no code");
			free(s_buf);
		}
		return 0;
	}
	fd = elfk_open(dev);
	/* Every seed must load unmutated and run no code. */
	for (i = 0; i < nseeds; i++) {
		struct seed *s = &seeds[i];

		s->buf = read_file(s->path, &s->len);
		if (s->len > maxlen)
			maxlen = s->len;
		find_regions(s);
		if (might_run_code(s->buf, s->len)) {
			printf("not ok - mutate: seed %s would run code at load; refusing it\n",
			       s->path);
			return 1;
		}
		err = elfk_load(fd, s->buf, s->len, NULL, logbuf, LOG_SIZE,
				ELFK_LOG_LEVEL_ERROR, &id, NULL);
		if (err || elfk_unload(fd, id)) {
			printf("# seed %s: %s: %s\n", s->path, errno_name(err), logbuf);
			seed_fail++;
		}
		if (!quiet) {
			unsigned int r;

			printf("# seed %s: %zu bytes, regions:", s->path, s->len);
			for (r = 0; r < s->nreg; r++)
				printf(" %s@0x%llx+0x%llx", s->reg[r].what,
				       (unsigned long long)s->reg[r].start,
				       (unsigned long long)s->reg[r].len);
			printf("\n");
		}
	}
	if (seed_fail)
		printf("not ok - mutate: %lu of %u seeds do not load unmutated\n",
		       seed_fail, nseeds);
	else
		printf("ok - mutate: %u seeds load and unload unmutated\n", nseeds);
	fail |= seed_fail != 0;

	work = malloc(maxlen);
	rs = seed;
	t0 = now_seconds();
	for (it = 0; it < iterations; it++) {
		const struct seed *s = &seeds[rng_below(&rs, nseeds)];
		unsigned int k, nmut = 1;

		if (max_seconds > 0 && (it & 63) == 0 && now_seconds() - t0 > max_seconds)
			break;
		len = s->len;
		memcpy(work, s->buf, len);
		while (nmut < 8 && rng_below(&rs, 2))
			nmut++;
		for (k = 0; k < nmut; k++)
			mutate_once(&rs, s, work, &len);

		/* Mostly a roomy log; sometimes a tiny one, or none at all. */
		log_size = LOG_SIZE;
		level = ELFK_LOG_LEVEL_ERROR;
		switch (rng_below(&rs, 32)) {
		case 0:
			log_size = 1 + rng_below(&rs, 48);
			level = 1 + rng_below(&rs, 2);
			small_log++;
			break;
		case 1:
			log_size = 0;
			no_log++;
			break;
		}
		if (might_run_code(work, len)) {
			filtered++;
			continue;
		}
		t1 = now_seconds();
		err = elfk_load(fd, work, len, NULL, log_size ? logbuf : NULL,
				log_size, level, &id, &true_size);
		t2 = now_seconds();
		if (!err) {
			loads++;
			errcount[0]++;
			err = elfk_unload(fd, id);
			t_ok += now_seconds() - t1;
			if (err) {
				unload_fail++;
				printf("# iteration %lu: unload of id %u: %s\n", it, id,
				       errno_name(err));
			}
			continue;
		}
		rejects++;
		t_rej += t2 - t1;
		errcount[err < MAX_ERRNO ? err : MAX_ERRNO - 1]++;
		if (!expected_errno(err) ||
		    (err == ENOSPC && (!log_size || true_size <= log_size))) {
			if (err == ENOSPC)
				bad_nospc++;
			unexpected++;
			if (unexpected <= 10)
				printf("# iteration %lu: unexpected %s (%d): %s\n", it,
				       errno_name(err), err, log_size ? logbuf : "");
			continue;
		}
		if (log_size == LOG_SIZE && err != ENOSPC) {
			if (!logbuf[0]) {
				silent++;
				empty_log[err]++;
			}
			count_message(logbuf, err);
		}
	}
	elapsed = now_seconds() - t0;
	left = elfk_count_loaded(fd, 1);

	printf("# mutate: seed %llu, %lu iterations in %.1f s (%.0f/s): ",
	       seed, it, elapsed, elapsed > 0 ? it / elapsed : 0.0);
	printf("%lu loaded and unloaded, %lu rejected, %lu filtered (could run code), ",
	       loads, rejects, filtered);
	printf("%lu with a tiny log, %lu without a log\n", small_log, no_log);
	printf("# mutate: time in the kernel: %.0f us per load + unload, ",
	       loads ? t_ok * 1e6 / loads : 0.0);
	printf("%.0f us per rejected load\n",
	       rejects ? t_rej * 1e6 / rejects : 0.0);
	printf("# mutate: errnos:");
	for (i = 0; i < MAX_ERRNO; i++)
		if (errcount[i])
			printf(" %s=%lu", errno_name(i), errcount[i]);
	printf("\n# mutate: %u unique rejection messages (first log line, numbers normalised)\n",
	       nmsgs);
	qsort(msgs, MSG_SLOTS, sizeof(msgs[0]), cmp_msg);
	for (i = 0; i < nmsgs && i < top; i++)
		printf("#   %7lu %-10s %s\n", msgs[i].count, errno_name(msgs[i].err),
		       msgs[i].text);
	if (msgfile) {
		FILE *f = fopen(msgfile, "w");

		for (i = 0; f && i < nmsgs; i++)
			fprintf(f, "%lu\t%s\t%s\n", msgs[i].count,
				errno_name(msgs[i].err), msgs[i].text);
		if (f)
			fclose(f);
	}

	if (unexpected) {
		printf("not ok - mutate: %lu loads failed with an unexpected errno ",
		       unexpected);
		printf("(%lu ENOSPC with a log that fit)\n", bad_nospc);
		fail = 1;
	} else {
		printf("ok - mutate: %lu iterations, %lu loads, %lu rejections, ",
		       it, loads, rejects);
		printf("%u unique rejection messages, only expected errnos\n", nmsgs);
	}
	if (silent) {
		printf("not ok - mutate: %lu rejections left the log empty:", silent);
		for (i = 0; i < MAX_ERRNO; i++)
			if (empty_log[i])
				printf(" %s=%lu", errno_name(i), empty_log[i]);
		printf("\n");
		fail = 1;
	} else {
		printf("ok - mutate: every rejection says why in the log\n");
	}
	if (unload_fail) {
		printf("not ok - mutate: %lu successful loads could not be unloaded\n",
		       unload_fail);
		fail = 1;
	} else {
		printf("ok - mutate: every successful load was unloaded\n");
	}
	if (left) {
		printf("not ok - mutate: %d objects still loaded at the end\n", left);
		fail = 1;
	} else {
		printf("ok - mutate: nothing left loaded\n");
	}
	free(work);
	return fail;
}
