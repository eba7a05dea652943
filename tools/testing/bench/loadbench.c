// SPDX-License-Identifier: GPL-2.0
/*
 * loadbench: on the host, load an example plugin the way elfk does, with
 * the portable core built for userspace (parse, place in fresh mmap()ed
 * memory, relocate, apply page permissions with mprotect(), unmap), and
 * the way the host's dynamic linker does (dlopen(RTLD_NOW | RTLD_LOCAL),
 * dlclose()), many times each; print the mean time per load+unload.
 *
 * The plugins' imports are defined here and exported (-rdynamic), so that
 * dlopen() resolves them as elfk resolves them against its table.
 *
 *   loadbench N PLUGIN.so...
 *   loadbench map|dlopen N PLUGIN.so	(one way alone, to profile it)
 *
 * Prints one line per plugin, the medians of N loads + unloads by each
 * way, the ways taking turns:
 *   "RESULT host NAME BYTES elfk_ns elfk_cpu_ns dlopen_ns map_ns"
 * elfk_ns ("copy") includes the mmap()/mprotect()/munmap() system calls,
 * as elfk's vmalloc and set_memory_*() calls, of an image read once before
 * the loop; elfk_cpu_ns is the core alone (parse, place and relocate into
 * a reused buffer), which isolates its own work from the host's
 * memory-management costs; map_ns is the core loading as ld.so does
 * (loadbench.h: open, map the file, map its pages in place, close, each
 * time).  Before timing, a function of each plugin that has one
 * (checks[] below) is called in the object each loader loaded and the
 * results must agree, or loadbench fails.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core.h"
#include "loadbench.h"

#define EXPORT __attribute__((visibility("default"), used))

/* The plugins' imports, for both loaders. */
struct elfk_self {
	long dummy;
};

EXPORT struct elfk_self __elfk_self;
EXPORT void elfk_self_printk(const struct elfk_self *self, const char *fmt, ...)
{
}

EXPORT void *elfk_self_malloc(const struct elfk_self *self, size_t n)
{
	return calloc(1, n);
}

EXPORT void elfk_self_free(const struct elfk_self *self, void *p)
{
	free(p);
}

EXPORT unsigned long long ktime_get_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

EXPORT long strscpy(char *d, const char *s, size_t n)
{
	size_t l = strnlen(s, n);

	if (!n)
		return -7;
	if (l == n) {
		memcpy(d, s, n - 1);
		d[n - 1] = '\0';
		return -7;
	}
	memcpy(d, s, l + 1);
	return l;
}

static void *host_tls_get_addr(void *ti)
{
	static char block[4096];

	return block;
}

/* The same names for the core's resolver, looked up with dlsym(). */
static int lookup(void *ctx, const char *name, u64 *value)
{
	void *p;

	if (!strcmp(name, "__tls_get_addr")) {
		*value = (u64)(uintptr_t)host_tls_get_addr;
		return 0;
	}
	p = dlsym(RTLD_DEFAULT, name);
	if (!p)
		return -ENOENT;
	*value = (u64)(uintptr_t)p;
	return 0;
}

static const struct elfk_resolver resolver = { lookup, NULL };

/* What the environments of elfk_image_load() below share. */
struct bench_load {
	struct elfk_elf *elf;
	void *buf;		/* the caller's buffer, or NULL: mmap() one */
	size_t bufsz;
	struct elfk_fmap mem;	/* what was mapped */
};

int bench_file_map(struct bench_file *f, const char *path)
{
	struct stat st;

	f->path = path;
	f->image = NULL;
	f->fd = open(path, O_RDONLY | O_CLOEXEC);
	if (f->fd < 0 || fstat(f->fd, &st))
		goto fail;
	f->size = st.st_size;
	f->image = mmap(NULL, f->size, PROT_READ, MAP_PRIVATE, f->fd, 0);
	if (f->image == MAP_FAILED) {
		f->image = NULL;
		goto fail;
	}
	return 0;
fail:
	perror(path);
	if (f->fd >= 0)
		close(f->fd);
	f->fd = -1;
	return -1;
}

/* Unless @mem laid the object over the image: then it is the object's. */
void bench_file_unmap(struct bench_file *f, const struct elfk_fmap *mem)
{
	if (f->image)
		elfk_fmap_unmap_image(mem, f->image, f->size);
	if (f->fd >= 0)
		close(f->fd);
	f->image = NULL;
	f->fd = -1;
}

/* The object's memory: from @f's file as ld.so (map), or anonymous (copy). */
void bench_mem_init(struct elfk_fmap *m, const struct bench_file *f)
{
	memset(m, 0, sizeof(*m));
	m->fd = f ? f->fd : -1;
	m->image = f ? f->image : NULL;
	m->image_len = f ? f->size : 0;
	m->flags = ELFK_FMAP_EXEC | ELFK_FMAP_ADOPT;
}

static int bench_alloc(void *ctx, struct elfk_elf *elf, void **base,
		       struct elfk_log *log)
{
	struct bench_load *b = ctx;

	if (b->buf) {
		if (elf->vsize > b->bufsz)
			return -E2BIG;
		memset(b->buf, 0, elf->vsize);
		*base = b->buf;
		return 0;
	}
	return elfk_fmap_alloc(&b->mem, elf, base, log);
}

static int prot_cb(void *ctx, u64 off, u64 len, u32 prot)
{
	return elfk_fmap_protect(&((struct bench_load *)ctx)->mem, off, len, prot);
}

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

/* Parse, place and relocate into @buf (at least @bufsz bytes): no syscalls. */
static int elfk_cpu_once(const void *image, size_t size, void *buf,
			 size_t bufsz)
{
	static char logbuf[512];
	struct elfk_elf elf;
	struct elfk_log log;
	struct bench_load b = { &elf, buf, bufsz };
	const struct elfk_load_env env = {
		.arch = &elfk_arch_ops, .resolver = &resolver, .log = &log,
		.alloc = bench_alloc, .tls_modid = 1,
		.stop_after = ELFK_LOAD_RELOCATED, .ctx = &b,
	};

	memset(&elf, 0, sizeof(elf));
	elfk_log_init(&log, logbuf, sizeof(logbuf), ELFK_LOG_LEVEL_ERROR);
	return elfk_image_load(&elf, image, size, &env);
}

/*
 * One load with protect, into @elf; with @f, from its file, as ld.so
 * (fmap.c).  The caller unloads (elfk_unload()).
 */
static int elfk_load(struct elfk_elf *elf, struct elfk_fmap *mem,
		     const void *image, size_t size, const struct bench_file *f)
{
	static char logbuf[512];
	struct elfk_log log;
	struct bench_load b = { elf, NULL, 0 };
	const struct elfk_load_env env = {
		.arch = &elfk_arch_ops, .resolver = &resolver, .log = &log,
		.alloc = bench_alloc, .tls_modid = 1, .protect = prot_cb,
		.ctx = &b,
	};
	int err;

	bench_mem_init(&b.mem, f);
	memset(elf, 0, sizeof(*elf));
	elfk_log_init(&log, logbuf, sizeof(logbuf), ELFK_LOG_LEVEL_ERROR);
	err = elfk_image_load(elf, image, size, &env);
	*mem = b.mem;
	if (err)
		fprintf(stderr, "loadbench: elfk core (%s): %d: %s",
			f ? "map" : "copy", err, logbuf);
	return err;
}

static void elfk_unload(struct elfk_elf *elf, struct elfk_fmap *mem)
{
	elfk_fmap_free(mem);
	elfk_elf_release(elf);
}

/* copy: the image read before the loop. */
static int elfk_once(const void *image, size_t size)
{
	struct elfk_fmap mem;
	struct elfk_elf elf;
	int err;

	err = elfk_load(&elf, &mem, image, size, NULL);
	elfk_unload(&elf, &mem);
	return err;
}

/* map: what ld.so does, from the file's name on. */
static int elfk_map_once(const char *path)
{
	struct bench_file f;
	struct elfk_fmap mem;
	struct elfk_elf elf;
	int err;

	if (bench_file_map(&f, path))
		return -EIO;
	err = elfk_load(&elf, &mem, f.image, f.size, &f);
	/* Placing is done: the object no longer reads the image. */
	bench_file_unmap(&f, &mem);
	elfk_unload(&elf, &mem);
	return err;
}

/*
 * A function per plugin whose result depends on the object's code, data
 * and relocations: called in what each loader loaded, the results must
 * agree.  kind 's': it returns a string, compared by content.
 */
static const struct {
	const char *name;
	char kind;
	long arg;
} checks[] = {
	{ "lz4_bench_check", 'l', 0 },		/* same/lz4_check.c */
	{ "ZSTD_versionString", 's', 0 },	/* zstd.so */
	{ "ZSTD_getErrorString", 's', 10 },	/* its error table */
};

typedef long (*check_fn)(long);

static void check_value(char kind, void *fn, long arg, char *out, size_t n)
{
	if (kind == 's')
		snprintf(out, n, "\"%s\"", ((const char *(*)(long))fn)(arg));
	else
		snprintf(out, n, "%ld", ((check_fn)fn)(arg));
}

/* Copy, map and dlopen() agree on every function of checks[] present. */
static int check_loaders(const char *path, const void *image, size_t size)
{
	char want[256], got[256];
	struct elfk_fmap mem[2];
	struct elfk_elf elf[2];
	struct bench_file f;
	const Elf64_Sym *sym;
	int i, k, nr = 0, err = 1;
	void *h, *fn;

	h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	if (!h || bench_file_map(&f, path)) {
		fprintf(stderr, "loadbench: %s: %s\n", path, h ? "map" : dlerror());
		return 1;
	}
	mem[1].adopted = false;
	if (elfk_load(&elf[0], &mem[0], image, size, NULL))
		goto out_map;
	if (elfk_load(&elf[1], &mem[1], f.image, f.size, &f)) {
		elfk_unload(&elf[1], &mem[1]);
		goto out_copy;
	}
	err = 0;
	for (i = 0; i < (int)ARRAY_SIZE(checks); i++) {
		fn = dlsym(h, checks[i].name);
		if (!fn)
			continue;
		check_value(checks[i].kind, fn, checks[i].arg, want, sizeof(want));
		for (k = 0; k < 2; k++) {
			sym = elfk_elf_lookup(&elf[k], checks[i].name);
			if (!sym || ELF64_ST_TYPE(sym->st_info) != STT_FUNC) {
				snprintf(got, sizeof(got), "(missing)");
			} else {
				fn = elfk_elf_ptr(&elf[k], sym->st_value);
				check_value(checks[i].kind, fn, checks[i].arg,
					    got, sizeof(got));
			}
			if (strcmp(want, got)) {
				fprintf(stderr, "loadbench: %s: %s(%ld): dlopen %s, core (%s) %s\n",
					path, checks[i].name, checks[i].arg, want,
					k ? "map" : "copy", got);
				err = 1;
			}
		}
		nr++;
	}
	if (nr)
		printf("# %s: %d functions agree across copy, map and dlopen",
		       path, err ? 0 : nr);
	else
		printf("# %s: no function to compare (checks[])", path);
	printf("; map gave %zu of %llu bytes in place%s\n", mem[1].pages,
	       (unsigned long long)elf[1].vsize,
	       mem[1].adopted ? ", laid over the image" : "");
	elfk_unload(&elf[1], &mem[1]);
out_copy:
	elfk_unload(&elf[0], &mem[0]);
out_map:
	bench_file_unmap(&f, &mem[1]);
	dlclose(h);
	return err;
}

int loadbench_bind(int argc, char **argv);

static int cmp_ns(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
	qsort(v, n, sizeof(double), cmp_ns);
	return v[n / 2];
}

int main(int argc, char **argv)
{
	double t0, *t[4];
	static char buf[1 << 20] __aligned(4096);
	struct stat st;
	void *image, *h;
	int i, j, n, fd;
	const char *name;

	/* "loadbench bind ...": the binding rows (loadbench_bind.c). */
	if (argc > 1 && !strcmp(argv[1], "bind"))
		return loadbench_bind(argc - 1, argv + 1);
	/* "loadbench map|dlopen N PLUGIN.so": one way alone, to profile it. */
	if (argc == 4 && !strcmp(argv[1], "map")) {
		for (i = 0; i < atoi(argv[2]); i++)
			if (elfk_map_once(argv[3]))
				return 1;
		return 0;
	}
	if (argc == 4 && !strcmp(argv[1], "dlopen")) {
		for (i = 0; i < atoi(argv[2]); i++) {
			h = dlopen(argv[3], RTLD_NOW | RTLD_LOCAL);
			if (!h)
				return 1;
			dlclose(h);
		}
		return 0;
	}
	if (argc < 3) {
		fprintf(stderr, "usage: loadbench N PLUGIN.so...\n");
		return 2;
	}
	n = atoi(argv[1]);
	for (i = 0; i < 4; i++) {
		t[i] = n > 0 ? calloc(n, sizeof(double)) : NULL;
		if (!t[i])
			return 2;
	}
	for (j = 2; j < argc; j++) {
		fd = open(argv[j], O_RDONLY);
		if (fd < 0 || fstat(fd, &st)) {
			perror(argv[j]);
			return 1;
		}
		image = malloc(st.st_size);
		if (!image || read(fd, image, st.st_size) != st.st_size) {
			perror(argv[j]);
			return 1;
		}
		close(fd);
		name = strrchr(argv[j], '/') ? strrchr(argv[j], '/') + 1 : argv[j];
		if (check_loaders(argv[j], image, st.st_size))
			return 1;

		/* Warm up the paths (page cache, first-touch faults). */
		for (i = 0; i < n / 10 + 1; i++) {
			if (elfk_once(image, st.st_size) || elfk_map_once(argv[j]))
				return 1;
			h = dlopen(argv[j], RTLD_NOW | RTLD_LOCAL);
			if (!h) {
				fprintf(stderr, "loadbench: %s\n", dlerror());
				return 1;
			}
			dlclose(h);
		}
		/*
		 * The loaders in turn, so that a change of the shared host's
		 * load hits all four alike; the medians, which a preempted
		 * load or two do not move.
		 */
		for (i = 0; i < n; i++) {
			t0 = now_ns();
			elfk_once(image, st.st_size);
			t[0][i] = now_ns() - t0;
			t0 = now_ns();
			elfk_map_once(argv[j]);
			t[1][i] = now_ns() - t0;
			t0 = now_ns();
			if (elfk_cpu_once(image, st.st_size, buf, sizeof(buf)))
				return 1;
			t[2][i] = now_ns() - t0;
			t0 = now_ns();
			h = dlopen(argv[j], RTLD_NOW | RTLD_LOCAL);
			dlclose(h);
			t[3][i] = now_ns() - t0;
		}
		printf("RESULT host %s %lld %.0f %.0f %.0f %.0f\n", name,
		       (long long)st.st_size, median(t[0], n), median(t[2], n),
		       median(t[3], n), median(t[1], n));
		free(image);
	}
	return 0;
}
