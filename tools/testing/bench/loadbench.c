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
 *
 * Prints one line per plugin:
 *   "RESULT host NAME BYTES elfk_ns elfk_cpu_ns dlopen_ns"
 * elfk_ns includes the mmap()/mprotect()/munmap() system calls, as elfk's
 * vmalloc and set_memory_*() calls; elfk_cpu_ns is the core alone (parse,
 * place and relocate into a reused buffer), which isolates its own work
 * from the host's memory-management costs.
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

/* What the two environments of elfk_image_load() below share. */
struct bench_load {
	struct elfk_elf *elf;
	void *buf;		/* the caller's buffer, or NULL: mmap() one */
	size_t bufsz;
	void *mem;		/* what was mapped */
};

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
	b->mem = mmap(NULL, elf->vsize, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (b->mem == MAP_FAILED) {
		b->mem = NULL;
		return -ENOMEM;
	}
	*base = b->mem;
	return 0;
}

static int prot_cb(void *ctx, u64 off, u64 len, u32 prot)
{
	struct elfk_elf *elf = ((struct bench_load *)ctx)->elf;
	int p = PROT_READ;

	if (prot & ELFK_PROT_W)
		p |= PROT_WRITE;
	if (prot & ELFK_PROT_X)
		p |= PROT_EXEC;
	return mprotect(elf->base + off, len, p) ? -errno : 0;
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
	struct bench_load b = { &elf, buf, bufsz, NULL };
	const struct elfk_load_env env = {
		.arch = &elfk_arch_ops, .resolver = &resolver, .log = &log,
		.alloc = bench_alloc, .tls_modid = 1,
		.stop_after = ELFK_LOAD_RELOCATED, .ctx = &b,
	};

	memset(&elf, 0, sizeof(elf));
	elfk_log_init(&log, logbuf, sizeof(logbuf), ELFK_LOG_LEVEL_ERROR);
	return elfk_image_load(&elf, image, size, &env);
}

static int elfk_once(const void *image, size_t size)
{
	static char logbuf[512];
	struct elfk_elf elf;
	struct elfk_log log;
	struct bench_load b = { &elf, NULL, 0, NULL };
	const struct elfk_load_env env = {
		.arch = &elfk_arch_ops, .resolver = &resolver, .log = &log,
		.alloc = bench_alloc, .tls_modid = 1, .protect = prot_cb,
		.ctx = &b,
	};
	int err;

	memset(&elf, 0, sizeof(elf));
	elfk_log_init(&log, logbuf, sizeof(logbuf), ELFK_LOG_LEVEL_ERROR);
	err = elfk_image_load(&elf, image, size, &env);
	if (b.mem)
		munmap(b.mem, elf.vsize);
	if (err)
		fprintf(stderr, "loadbench: elfk core: %d: %s", err, logbuf);
	return err;
}

int loadbench_bind(int argc, char **argv);

int main(int argc, char **argv)
{
	double t0, t_elfk, t_cpu, t_dl;
	static char buf[1 << 20] __aligned(4096);
	struct stat st;
	void *image, *h;
	int i, j, n, fd;
	const char *name;

	/* "loadbench bind ...": the binding rows (loadbench_bind.c). */
	if (argc > 1 && !strcmp(argv[1], "bind"))
		return loadbench_bind(argc - 1, argv + 1);
	if (argc < 3) {
		fprintf(stderr, "usage: loadbench N PLUGIN.so...\n");
		return 2;
	}
	n = atoi(argv[1]);
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

		/* Warm up both paths (page cache, first-touch faults). */
		for (i = 0; i < n / 10 + 1; i++) {
			if (elfk_once(image, st.st_size))
				return 1;
			h = dlopen(argv[j], RTLD_NOW | RTLD_LOCAL);
			if (!h) {
				fprintf(stderr, "loadbench: %s\n", dlerror());
				return 1;
			}
			dlclose(h);
		}
		t0 = now_ns();
		for (i = 0; i < n; i++)
			elfk_once(image, st.st_size);
		t_elfk = (now_ns() - t0) / n;
		t0 = now_ns();
		for (i = 0; i < n; i++)
			if (elfk_cpu_once(image, st.st_size, buf, sizeof(buf)))
				return 1;
		t_cpu = (now_ns() - t0) / n;
		t0 = now_ns();
		for (i = 0; i < n; i++) {
			h = dlopen(argv[j], RTLD_NOW | RTLD_LOCAL);
			dlclose(h);
		}
		t_dl = (now_ns() - t0) / n;
		printf("RESULT host %s %lld %.0f %.0f %.0f\n", name,
		       (long long)st.st_size, t_elfk, t_cpu, t_dl);
		free(image);
	}
	return 0;
}
