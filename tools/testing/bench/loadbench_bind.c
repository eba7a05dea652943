// SPDX-License-Identifier: GPL-2.0
/*
 * loadbench's "bind" mode: issue 14's binding rows, on the host.
 *
 *   loadbench bind N PROVIDER.so CONSUMER.so EMPTY.so
 *
 * PROVIDER exports many functions; CONSUMER imports each of them once
 * (DT_NEEDED PROVIDER); EMPTY has the same DT_NEEDED and no import
 * (gen_bind.sh).  N times each, alternating the two loaders:
 *
 *   prov:  the core's LOAD + unload of PROVIDER (parse, mmap, place,
 *          relocate, mprotect, munmap) against dlopen(RTLD_NOW) + dlclose();
 *   cons:  with PROVIDER loaded once by each loader, the same of CONSUMER,
 *          whose imports the core binds through a scope walk shaped like
 *          elfk/object.c's resolve_cb() (PROVIDER, then nothing), and
 *          glibc through its own;
 *   empty: the same of EMPTY, for the fixed cost of a load.
 *
 * Prints, per row, "RESULT bind ROW N IMPORTS core_p10 core_med core_p90
 * dl_p10 dl_med dl_p90" in ns.  Built with -DBENCH_LOOKUP_KEY the scope
 * walk takes the hash the core computed once per import (struct
 * elfk_sym_key); without it, it uses lookup_version, so that the same
 * file builds against a core that predates the key.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>

#include "bind.h"

int loadbench_bind(int argc, char **argv);

struct bind_obj {
	const char *path;
	void *image;
	size_t size;
	struct elfk_elf elf;
	void *mem;
	const struct elfk_elf *scope;	/* the provider, or NULL */
};

static int bind_alloc(void *ctx, struct elfk_elf *elf, void **base,
		      struct elfk_log *log)
{
	struct bind_obj *o = ctx;

	o->mem = mmap(NULL, elf->vsize, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (o->mem == MAP_FAILED) {
		o->mem = NULL;
		return -ENOMEM;
	}
	*base = o->mem;
	return 0;
}

static int bind_prot(void *ctx, u64 off, u64 len, u32 prot)
{
	struct bind_obj *o = ctx;
	int p = PROT_READ;

	if (prot & ELFK_PROT_W)
		p |= PROT_WRITE;
	if (prot & ELFK_PROT_X)
		p |= PROT_EXEC;
	return mprotect((char *)o->mem + off, len, p) ? -errno : 0;
}

typedef u64 (*bind_ifunc_fn)(void);

static int bind_found(const struct elfk_elf *dep, const Elf64_Sym *sym,
		      u8 type, struct elfk_sym_result *res)
{
	int err = elfk_bind_dep(dep, sym, type, &elfk_arch_ops, false, res);

	if (err == ELFK_BIND_CALL)
		res->value = ((bind_ifunc_fn)(uintptr_t)res->value)();
	return err == ELFK_BIND_CALL ? 0 : err;
}

#ifdef BENCH_LOOKUP_KEY
static int bind_scope(void *ctx, const struct elfk_sym_key *key,
		      struct elfk_sym_result *res)
{
	const struct bind_obj *o = ctx;
	const Elf64_Sym *sym;

	sym = o->scope ? elfk_elf_lookup_key(o->scope, key) : NULL;
	if (!sym)
		return -ENOENT;
	return bind_found(o->scope, sym, key->type, res);
}
#else
static int bind_scope(void *ctx, const char *name, const char *version,
		      const char *file, u8 type, struct elfk_sym_result *res)
{
	const struct bind_obj *o = ctx;
	const Elf64_Sym *sym;

	sym = o->scope ? elfk_elf_lookup_version(o->scope, name, version) : NULL;
	if (!sym)
		return -ENOENT;
	return bind_found(o->scope, sym, type, res);
}
#endif

static int core_load(struct bind_obj *o)
{
	static char logbuf[512];
	struct elfk_log log;
	struct elfk_resolver res = { .ctx = o };
	const struct elfk_load_env env = {
		.arch = &elfk_arch_ops, .resolver = &res, .log = &log,
		.alloc = bind_alloc, .protect = bind_prot, .tls_modid = 1,
		.ctx = o,
	};
	int err;

#ifdef BENCH_LOOKUP_KEY
	res.lookup_key = bind_scope;
#else
	res.lookup_version = bind_scope;
#endif
	memset(&o->elf, 0, sizeof(o->elf));
	o->mem = NULL;
	elfk_log_init(&log, logbuf, sizeof(logbuf), ELFK_LOG_LEVEL_ERROR);
	err = elfk_image_load(&o->elf, o->image, o->size, &env);
	if (err)
		fprintf(stderr, "loadbench bind: %s: %d: %s", o->path, err, logbuf);
	return err;
}

static void core_unload(struct bind_obj *o)
{
	if (o->mem)
		munmap(o->mem, o->elf.vsize);
	elfk_elf_release(&o->elf);
	o->mem = NULL;
}

static double bind_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double pct(double *v, int n, int p)
{
	return v[(n - 1) * p / 100];
}

/* One row: N alternating core and dlopen cycles of @o. */
static int bind_row(const char *row, struct bind_obj *o, int n, int imports)
{
	double *core = calloc(n, sizeof(double)), *dl = calloc(n, sizeof(double));
	double t0;
	void *h;
	int i;

	if (!core || !dl)
		return 1;
	for (i = -n / 10 - 1; i < n; i++) {
		t0 = bind_now();
		if (core_load(o))
			return 1;
		core_unload(o);
		if (i >= 0)
			core[i] = bind_now() - t0;
		t0 = bind_now();
		h = dlopen(o->path, RTLD_NOW | RTLD_LOCAL);
		if (!h) {
			fprintf(stderr, "loadbench bind: %s\n", dlerror());
			return 1;
		}
		dlclose(h);
		if (i >= 0)
			dl[i] = bind_now() - t0;
	}
	qsort(core, n, sizeof(double), cmp_double);
	qsort(dl, n, sizeof(double), cmp_double);
	printf("RESULT bind %s %d %d %.0f %.0f %.0f %.0f %.0f %.0f\n", row, n,
	       imports, pct(core, n, 10), pct(core, n, 50), pct(core, n, 90),
	       pct(dl, n, 10), pct(dl, n, 50), pct(dl, n, 90));
	free(core);
	free(dl);
	return 0;
}

static int bind_read(struct bind_obj *o, const char *path)
{
	struct stat st;
	FILE *f = fopen(path, "rb");

	o->path = path;
	if (!f || fstat(fileno(f), &st))
		goto fail;
	o->size = st.st_size;
	o->image = malloc(o->size);
	if (!o->image || fread(o->image, 1, o->size, f) != o->size)
		goto fail;
	fclose(f);
	return 0;
fail:
	perror(path);
	if (f)
		fclose(f);
	return 1;
}

/* The number of relocations with a symbol that a core load bound. */
static int count_imports(struct bind_obj *o)
{
	u32 i, n = 0;

	for (i = 1; i < o->elf.nr_syms; i++)
		if (o->elf.symtab[i].st_shndx == SHN_UNDEF)
			n++;
	return n;
}

int loadbench_bind(int argc, char **argv)
{
	struct bind_obj prov = { 0 }, cons = { 0 }, empty = { 0 };
	void *hprov;
	int n, imports;

	if (argc != 5) {
		fprintf(stderr, "usage: loadbench bind N PROVIDER.so CONSUMER.so EMPTY.so\n");
		return 2;
	}
	n = atoi(argv[1]);
	if (n < 1 || bind_read(&prov, argv[2]) || bind_read(&cons, argv[3]) ||
	    bind_read(&empty, argv[4]))
		return 1;
	if (bind_row("prov", &prov, n, 0))
		return 1;

	/* The provider stays loaded by both loaders for the other rows. */
	if (core_load(&prov))
		return 1;
	hprov = dlopen(prov.path, RTLD_NOW | RTLD_LOCAL);
	if (!hprov) {
		fprintf(stderr, "loadbench bind: %s\n", dlerror());
		return 1;
	}
	cons.scope = &prov.elf;
	empty.scope = &prov.elf;
	if (core_load(&cons))
		return 1;
	imports = count_imports(&cons);
	core_unload(&cons);
	if (bind_row("cons", &cons, n, imports) ||
	    bind_row("empty", &empty, n, 0))
		return 1;
	dlclose(hprov);
	core_unload(&prov);
	return 0;
}
