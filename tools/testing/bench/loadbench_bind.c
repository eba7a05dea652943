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
 * Each row measures the core twice, in turn with dlopen(): "copy" (the image
 * read once before, placed by copying) and "map" (open, map the file, map
 * its pages in place, as ld.so: loadbench.h).  Prints, per row, "RESULT
 * bind ROW N IMPORTS core_p10 core_med core_p90 dl_p10 dl_med dl_p90
 * map_p10 map_med map_p90" in ns.  Before timing, the last function of
 * PROVIDER and the last use*() of CONSUMER must give the same value in
 * what the core (both ways) and dlopen() loaded.  Built with -DBENCH_LOOKUP_KEY the scope
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
#include "loadbench.h"

int loadbench_bind(int argc, char **argv);

struct bind_obj {
	const char *path;
	void *image;
	size_t size;
	struct elfk_elf elf;
	struct elfk_fmap mem;
	bool map;			/* load from the file, mapping it */
	const struct elfk_elf *scope;	/* the provider, or NULL */
};

static int bind_alloc(void *ctx, struct elfk_elf *elf, void **base,
		      struct elfk_log *log)
{
	struct bind_obj *o = ctx;

	return elfk_fmap_alloc(&o->mem, elf, base, log);
}

static int bind_prot(void *ctx, u64 off, u64 len, u32 prot)
{
	struct bind_obj *o = ctx;

	return elfk_fmap_protect(&o->mem, off, len, prot);
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
	struct bench_file f = { .fd = -1 };

	memset(&o->elf, 0, sizeof(o->elf));
	if (o->map && bench_file_map(&f, o->path))
		return -EIO;
	bench_mem_init(&o->mem, o->map ? &f : NULL);
	elfk_log_init(&log, logbuf, sizeof(logbuf), ELFK_LOG_LEVEL_ERROR);
	err = elfk_image_load(&o->elf, o->map ? f.image : o->image,
			      o->map ? f.size : o->size, &env);
	/* Placing is done: the object no longer reads the image. */
	bench_file_unmap(&f, &o->mem);
	if (err)
		fprintf(stderr, "loadbench bind: %s (%s): %d: %s", o->path,
			o->map ? "map" : "copy", err, logbuf);
	return err;
}

static void core_unload(struct bind_obj *o)
{
	elfk_fmap_free(&o->mem);
	elfk_elf_release(&o->elf);
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

/* One core cycle of @o, copying or mapping; its time in ns. */
static int core_cycle(struct bind_obj *o, bool map, double *t)
{
	double t0 = bind_now();

	o->map = map;
	if (core_load(o))
		return 1;
	core_unload(o);
	*t = bind_now() - t0;
	return 0;
}

/* One row: N cycles of @o by each loader in turn (copy, map, dlopen). */
static int bind_row(const char *row, struct bind_obj *o, int n, int imports)
{
	double *core = calloc(n, sizeof(double)), *dl = calloc(n, sizeof(double));
	double *map = calloc(n, sizeof(double));
	double t0, t;
	void *h;
	int i;

	if (!core || !dl || !map)
		return 1;
	for (i = -n / 10 - 1; i < n; i++) {
		if (core_cycle(o, false, &t))
			return 1;
		if (i >= 0)
			core[i] = t;
		if (core_cycle(o, true, &t))
			return 1;
		if (i >= 0)
			map[i] = t;
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
	qsort(map, n, sizeof(double), cmp_double);
	printf("RESULT bind %s %d %d %.0f %.0f %.0f %.0f %.0f %.0f %.0f %.0f %.0f\n",
	       row, n, imports, pct(core, n, 10), pct(core, n, 50),
	       pct(core, n, 90), pct(dl, n, 10), pct(dl, n, 50), pct(dl, n, 90),
	       pct(map, n, 10), pct(map, n, 50), pct(map, n, 90));
	free(core);
	free(dl);
	free(map);
	return 0;
}

typedef long (*bind_fn)(long);

/*
 * @name(1) in what the core loaded (copy, then map: @o stays loaded
 * mapped) and in @h must agree.
 */
static int bind_check(struct bind_obj *o, void *h, const char *name)
{
	bind_fn fn = (bind_fn)(uintptr_t)dlsym(h, name);
	const Elf64_Sym *sym;
	long want, got;
	int k;

	if (!fn) {
		fprintf(stderr, "loadbench bind: %s: no %s\n", o->path, name);
		return 1;
	}
	want = fn(1);
	for (k = 0; k < 2; k++) {
		if (k)
			core_unload(o);
		o->map = k;
		if (core_load(o))
			return 1;
		sym = elfk_elf_lookup(&o->elf, name);
		got = sym ? ((bind_fn)(uintptr_t)elfk_elf_ptr(&o->elf,
							    sym->st_value))(1) : -1;
		if (got != want) {
			fprintf(stderr, "loadbench bind: %s: %s(1): dlopen %ld, core (%s) %ld\n",
				o->path, name, want, k ? "map" : "copy", got);
			return 1;
		}
	}
	printf("# %s: %s(1) = %ld by dlopen and the core (copy and map; %zu bytes in place)\n",
	       o->path, name, want, o->mem.pages);
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
	void *hprov, *hcons;
	char name[32];
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
	hprov = dlopen(prov.path, RTLD_NOW | RTLD_LOCAL);
	if (!hprov) {
		fprintf(stderr, "loadbench bind: %s\n", dlerror());
		return 1;
	}
	/* The last f<i> and use<i>: gen_bind.sh's counts. */
	if (core_load(&prov))
		return 1;
	cons.scope = &prov.elf;
	empty.scope = &prov.elf;
	if (core_load(&cons))
		return 1;
	imports = count_imports(&cons);
	core_unload(&cons);
	core_unload(&prov);
	snprintf(name, sizeof(name), "f%d", imports - 1);
	if (bind_check(&prov, hprov, name))
		return 1;
	hcons = dlopen(cons.path, RTLD_NOW | RTLD_LOCAL);
	snprintf(name, sizeof(name), "use%d", (imports - 1) / 100);
	if (!hcons || bind_check(&cons, hcons, name))
		return 1;
	core_unload(&cons);
	dlclose(hcons);
	if (bind_row("cons", &cons, n, imports) ||
	    bind_row("empty", &empty, n, 0))
		return 1;
	dlclose(hprov);
	core_unload(&prov);
	return 0;
}
