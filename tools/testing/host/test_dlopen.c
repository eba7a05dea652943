// SPDX-License-Identifier: GPL-2.0
/*
 * Differential test: each example plugin glibc can load is loaded twice,
 * by the elfk core (parse, place, link, relocate, IFUNC pass, protect,
 * init, as elfk_object_load() does) and by glibc's dlopen(), and the same
 * functions are called with the same arguments through both; the results
 * must agree.  One TAP line per function compared.
 *
 * The plugins' imports resolve to the same host functions both ways: the
 * stand-ins of host_util.c are defined in the test binary under the names
 * the plugins import, so ld.so binds the plugins' undefined symbols to
 * them; the core's resolver hands out their addresses.
 *
 * Both loaders run the constructors (glibc at dlopen); elfk_init(), which
 * glibc does not know, is called after dlopen() for the objects defining
 * it.  Every comparison uses fresh loads, so state-dependent results
 * (counters, constructor sequences) line up.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <limits.h>
#include <link.h>
#include <stdio.h>

#include "host_util.h"
#include "tap.h"

/* ---- the elfk core as a loader ------------------------------------- */

#define DL_MAX_OBJS 8

struct dl_obj {
	char name[64];
	struct elfk_elf elf;
	void *image;
	u8 *mem;
	struct dl_obj *scope[DL_MAX_OBJS];
	u32 nr_scope;
};

/* The objects the core has loaded, for DT_NEEDED. */
static struct dl_obj *dl_loaded[DL_MAX_OBJS];
static u32 dl_nr_loaded;

typedef u64 (*dl_resolver_fn)(void);

/*
 * elfk's __tls_get_addr() for the core's objects: module id i + 1 is
 * dl_loaded[i]'s block; each host thread gets its own copy of the
 * template on first touch.  Blocks live until the test ends.
 */
static __thread u8 *dl_tls_block[DL_MAX_OBJS];

/* Called from the plugins' code, whose stack alignment is the kernel's. */
__attribute__((force_align_arg_pointer))
static void *dl_tls_get_addr(const struct host_tls_index *ti)
{
	const struct elfk_elf *elf;
	u64 i = ti->module - 1;

	if (!ti->module || i >= dl_nr_loaded || !dl_loaded[i]->elf.has_tls)
		abort();
	elf = &dl_loaded[i]->elf;
	if (ti->offset >= elf->tls.memsz)
		abort();
	if (!dl_tls_block[i]) {
		dl_tls_block[i] = calloc(1, elf->tls.memsz);
		if (!dl_tls_block[i])
			abort();
		memcpy(dl_tls_block[i], elfk_elf_ptr(elf, elf->tls.vaddr),
		       elf->tls.filesz);
	}
	return dl_tls_block[i] + ti->offset;
}

/* resolve_cb() of elfk/object.c, over the host's loaded objects. */
static int dl_lookup(void *ctx, const struct elfk_sym_key *key,
		     struct elfk_sym_result *res)
{
	const char *name = key->name, *version = key->version;
	struct dl_obj *o = ctx, *dep;
	const Elf64_Sym *sym;
	bool want_tls = key->type == STT_TLS;
	size_t i;

	for (i = 0; i < o->nr_scope; i++) {
		dep = o->scope[i];
		sym = elfk_elf_lookup_key(&dep->elf, key);
		if (!sym || want_tls != (ELF64_ST_TYPE(sym->st_info) == STT_TLS))
			continue;
		if (want_tls) {
			if (!elfk_elf_tls_sym_fits(&dep->elf, sym))
				return -ENOEXEC;
			res->value = sym->st_value;
			res->tls_modid = dep->elf.tls_modid;
			return 0;
		}
		if (sym->st_shndx == SHN_ABS) {
			res->value = sym->st_value;
			return 0;
		}
		res->value = (u64)(uintptr_t)elfk_elf_ptr(&dep->elf, sym->st_value);
		if (ELF64_ST_TYPE(sym->st_info) != STT_GNU_IFUNC)
			return 0;
		if (!elfk_elf_text_left(&dep->elf, sym->st_value))
			return -ENOEXEC;
		res->value = ((dl_resolver_fn)(uintptr_t)res->value)();
		return 0;
	}
	if (version || want_tls)
		return -ENOENT;
	if (!strcmp(name, "__tls_get_addr")) {
		res->value = (u64)(uintptr_t)dl_tls_get_addr;
		return 0;
	}
	return host_runtime_lookup(name, &res->value);
}

/* elfk_object_link(): DT_NEEDED by DT_SONAME, the scope breadth-first. */
static int dl_link(struct dl_obj *o, struct elfk_log *log)
{
	u32 i, j, k;

	for (i = 0; i < o->elf.nr_needed; i++) {
		const char *n = elfk_elf_needed(&o->elf, i);

		for (j = 0; j < dl_nr_loaded; j++)
			if (dl_loaded[j]->elf.soname ?
			    !strcmp(dl_loaded[j]->elf.soname, n) :
			    !strcmp(dl_loaded[j]->name, n))
				break;
		if (j == dl_nr_loaded)
			return elfk_reject(log, -ENOENT,
					   "%s '%s': no loaded object provides it",
					   elfk_elf_fmt(&o->elf)->needed_from, n);
		o->scope[o->nr_scope++] = dl_loaded[j];
	}
	for (i = 0; i < o->nr_scope; i++) {
		struct dl_obj *dep = o->scope[i];

		for (j = 0; j < dep->nr_scope; j++) {
			for (k = 0; k < o->nr_scope; k++)
				if (o->scope[k] == dep->scope[j])
					break;
			if (k == o->nr_scope && o->nr_scope < DL_MAX_OBJS)
				o->scope[o->nr_scope++] = dep->scope[j];
		}
	}
	return 0;
}

static fn6 core_func(struct dl_obj *o, const char *name)
{
	return host_func(&o->elf, name);
}

static int dl_bind(void *ctx, struct elfk_elf *elf, struct elfk_log *log)
{
	struct elfk_fixture_run *run = ctx;

	return dl_link(run->priv, log);
}

/* elfk_object_load() on the host; NULL after a failing TAP line. */
static struct dl_obj *core_load(const char *dir, const char *file)
{
	struct dl_obj *o = calloc(1, sizeof(*o));
	struct elfk_resolver r = { .lookup_key = dl_lookup, .ctx = o };
	struct elfk_fixture_run run;
	char path[512], logbuf[1024];
	struct elfk_log log;
	u64 size = 0;
	fn6 init;
	int err;

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	snprintf(o->name, sizeof(o->name), "%s", file);
	o->image = host_read_file(path, &size);
	elfk_log_init(&log, logbuf, sizeof(logbuf), ELFK_LOG_LEVEL_ERROR);
	host_env(&run, &o->elf, host_alloc, &o->mem, &r, &log);
	/* Its module id, as elfk_tls_register(): it will be dl_loaded[n]. */
	run.env.tls_modid = dl_nr_loaded + 1;
	run.env.bind = dl_bind;
	run.env.check_branch_targets = false;
	run.priv = o;
	err = o->image ? elfk_image_load(&o->elf, o->image, size, &run.env) :
			 -ENOENT;
	if (!tap(!err, "dlopen: %s: loaded by the elfk core (%d)", file, err)) {
		tap_diag("%s", logbuf);
		elfk_elf_release(&o->elf);
		if (o->mem)
			host_free(o->mem, o->elf.vsize);
		free(o->image);
		free(o);
		return NULL;
	}
	host_run_init(&o->elf);
	init = core_func(o, "elfk_init");
	if (init)
		init(0, 0, 0, 0, 0, 0);
	dl_loaded[dl_nr_loaded++] = o;
	return o;
}

/* Unload the most recently loaded object (dependents first, as elfk). */
static void core_unload_last(void)
{
	struct dl_obj *o = dl_loaded[--dl_nr_loaded];

	free(dl_tls_block[dl_nr_loaded]);
	dl_tls_block[dl_nr_loaded] = NULL;
	host_run_fini(&o->elf);
	elfk_elf_release(&o->elf);
	host_free(o->mem, o->elf.vsize);
	free(o->image);
	free(o);
}

/* ---- glibc as a loader ---------------------------------------------- */

#define DL_MAX_HANDLES 8
static void *dl_handles[DL_MAX_HANDLES];
static u32 dl_nr_handles;

/*
 * dlopen() with RTLD_LOCAL: an object's DT_NEEDED then binds to the copy
 * already loaded (glibc matches DT_SONAME too), and its lookup scope is
 * the global one (the test binary and its libraries), then itself and its
 * dependencies breadth-first, as elfk's after the kernel table.  With
 * RTLD_GLOBAL, libbase.so would join the global scope and libtop.so's
 * whoami() would bind to it, ahead of libmid.so's.
 */
static void *glibc_load(const char *dir, const char *file)
{
	struct link_map *lm;
	char path[512];
	void *h, *init;

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	if (!tap(!!h, "dlopen: %s: loaded by glibc", file)) {
		tap_diag("%s", dlerror());
		return NULL;
	}
	/* elfk_init() of this object itself, not of a dependency. */
	init = dlsym(h, "elfk_init");
	if (init && !dlinfo(h, RTLD_DI_LINKMAP, &lm)) {
		Dl_info info;

		if (dladdr(init, &info) && info.dli_fbase == (void *)lm->l_addr)
			((int (*)(void))init)();
	}
	dl_handles[dl_nr_handles++] = h;
	return h;
}

static void glibc_unload_all(void)
{
	while (dl_nr_handles)
		dlclose(dl_handles[--dl_nr_handles]);
}

static void core_unload_all(void)
{
	while (dl_nr_loaded)
		core_unload_last();
}

/* ---- comparisons ----------------------------------------------------- */

/* Call @fn of the core's @o and of glibc's @h alike; the same result? */
static void compare(struct dl_obj *o, void *h, const char *fn, long a0,
		    long a1, long a2)
{
	fn6 cf = o ? core_func(o, fn) : NULL;
	fn6 gf = h ? (fn6)dlsym(h, fn) : NULL;
	long c, g;

	if (!cf || !gf) {
		tap(0, "dlopen: %s(%ld, %ld, %ld): found by both loaders", fn, a0,
		    a1, a2);
		return;
	}
	c = cf(a0, a1, a2, 0, 0, 0);
	g = gf(a0, a1, a2, 0, 0, 0);
	tap(c == g, "dlopen: %s: %s(%ld, %ld, %ld): elfk core %ld, glibc %ld",
	    o->name, fn, a0, a1, a2, c, g);
}

/* Like compare(), for a function writing a string of @len bytes to @buf. */
static void compare_buf(struct dl_obj *o, void *h, const char *fn,
			const char *in, long len, long a2)
{
	char cbuf[128] = "", gbuf[128] = "";
	fn6 cf = o ? core_func(o, fn) : NULL;
	fn6 gf = h ? (fn6)dlsym(h, fn) : NULL;
	long c, g;

	if (!cf || !gf) {
		tap(0, "dlopen: %s(buf, %ld): found by both loaders", fn, len);
		return;
	}
	snprintf(cbuf, sizeof(cbuf), "%s", in);
	snprintf(gbuf, sizeof(gbuf), "%s", in);
	c = cf((long)cbuf, len, a2, 0, 0, 0);
	g = gf((long)gbuf, len, a2, 0, 0, 0);
	tap(c == g && !strcmp(cbuf, gbuf),
	    "dlopen: %s: %s(\"%s\", %ld, %ld): elfk core %ld \"%s\", glibc %ld \"%s\"",
	    o->name, fn, in, len, a2, c, cbuf, g, gbuf);
}

struct pair {
	struct dl_obj *o;
	void *h;
};

static bool load_both(const char *dir, const char *file, struct pair *p)
{
	p->o = core_load(dir, file);
	p->h = glibc_load(dir, file);
	return p->o && p->h;
}

static void done(void)
{
	core_unload_all();
	glibc_unload_all();
}

static void dl_hello(const char *dir)
{
	struct pair p;

	if (load_both(dir, "hello.so", &p)) {
		compare(p.o, p.h, "ctor_order", 0, 0, 0);
		compare(p.o, p.h, "add", 2, 3, 0);
		compare(p.o, p.h, "add", 2, -7, 0);
		compare_buf(p.o, p.h, "greet", "", 32, 0);
		compare_buf(p.o, p.h, "greet", "", 8, 0);
	}
	done();
}

static void dl_fptr(const char *dir, const char *file)
{
	struct pair p;
	long i;

	if (load_both(dir, file, &p)) {
		for (i = 0; i <= 4; i++)
			compare(p.o, p.h, "dispatch", i, 6, 7);
		compare(p.o, p.h, "walk", 0, 0, 0);
		compare(p.o, p.h, "same_global", 0, 0, 0);
		compare(p.o, p.h, "bump", 0, 0, 0);
		compare(p.o, p.h, "bump", 0, 0, 0);
	}
	done();
}

static void dl_kcalls(const char *dir)
{
	struct pair p;

	if (load_both(dir, "kcalls.so", &p)) {
		compare_buf(p.o, p.h, "fmt", "", 64, 255);
		compare_buf(p.o, p.h, "fmt", "", 64, -3);
		compare_buf(p.o, p.h, "checksum", "elfk", 5, 0);
		compare_buf(p.o, p.h, "slen", "hello", 0, 0);
		compare_buf(p.o, p.h, "upper", "elfk-Test 1", 11, 0);
		compare(p.o, p.h, "alloc_test", 16, 0, 0);
		compare(p.o, p.h, "selftest", 0, 0, 0);
		compare(p.o, p.h, "clock_ok", 0, 0, 0);
	}
	done();
}

static void dl_weak(const char *dir)
{
	struct pair p;

	if (load_both(dir, "weak.so", &p)) {
		compare(p.o, p.h, "has_weak", 0, 0, 0);
		compare(p.o, p.h, "call_weak", 5, 0, 0);
		compare(p.o, p.h, "weak_defined", 0, 0, 0);
	}
	done();
}

static void dl_chain(const char *dir)
{
	struct pair b, m, t;

	if (load_both(dir, "libbase.so", &b) && load_both(dir, "libmid.so", &m) &&
	    load_both(dir, "libtop.so", &t)) {
		compare(b.o, b.h, "base_fn", 2, 0, 0);
		compare(b.o, b.h, "base_ready", 0, 0, 0);
		compare(b.o, b.h, "whoami", 0, 0, 0);
		compare(m.o, m.h, "mid_fn", 2, 0, 0);
		compare(m.o, m.h, "mid_via_ptr", 3, 0, 0);
		compare(m.o, m.h, "mid_base_ready", 0, 0, 0);
		compare(m.o, m.h, "mid_whoami", 0, 0, 0);
		compare(t.o, t.h, "top_fn", 2, 0, 0);
		compare(t.o, t.h, "top_whoami", 0, 0, 0);
		compare(t.o, t.h, "top_chain", 5, 0, 0);
		tap(t.o->nr_scope == 2 && t.o->scope[0] == m.o && t.o->scope[1] == b.o,
		    "dlopen: libtop.so's core scope is libmid.so, libbase.so");
	}
	done();
}

static void dl_versions(const char *dir)
{
	struct pair v, u1, u2, any;
	fn6 cf, gf;

	if (load_both(dir, "libver.so", &v) && load_both(dir, "libver_v1.so", &u1) &&
	    load_both(dir, "libver_v2.so", &u2) &&
	    load_both(dir, "libver_any.so", &any)) {
		compare(u1.o, u1.h, "use_foo", 0, 0, 0);
		compare(u2.o, u2.h, "use_foo", 0, 0, 0);
		compare(u1.o, u1.h, "use_id", 0, 0, 0);
		/*
		 * A known difference: for an unversioned reference, glibc
		 * takes the definition of version index 2 even when hidden
		 * (the oldest version, for binaries older than versioning);
		 * elfk takes only the default one.
		 */
		cf = core_func(any.o, "use_foo");
		gf = (fn6)dlsym(any.h, "use_foo");
		tap(cf && gf && cf(0, 0, 0, 0, 0, 0) == 2 &&
		    gf(0, 0, 0, 0, 0, 0) == 1,
		    "dlopen: libver_any.so use_foo(): elfk core 2 (foo@@V2), glibc 1 (foo@V1, index 2): the documented difference");
	}
	done();
}

static void dl_ifunc(const char *dir)
{
	struct pair p;

	if (load_both(dir, "ifunc.so", &p)) {
		compare(p.o, p.h, "resolved", 0, 0, 0);
		compare(p.o, p.h, "call_scale", 3, 0, 0);
		compare(p.o, p.h, "call_sub", 10, 0, 0);
	}
	done();
}

/*
 * Issue 11, defect 10: tls_dep_only.so has no PT_TLS; its only TLS is
 * tls_dep_base.so's base_tls (DTPMOD64 names that object's module).
 */
static void dl_tls_dep(const char *dir)
{
	struct pair b, u;

	if (load_both(dir, "tls_dep_base.so", &b) &&
	    load_both(dir, "tls_dep_only.so", &u)) {
		tap(!u.o->elf.has_tls, "dlopen: tls_dep_only.so has no PT_TLS of its own");
		compare(u.o, u.h, "only_read", 0, 0, 0);
		compare(u.o, u.h, "only_bump", 0, 0, 0);
		compare(u.o, u.h, "only_both", 0, 0, 0);
		compare(b.o, b.h, "base_tls_get", 0, 0, 0);
	}
	done();
}

/* ... and relro_pad.so's PT_GNU_RELRO ends 0x10 past its RW PT_LOAD. */
static void dl_relro_pad(const char *reldir)
{
	struct pair p;

	if (load_both(reldir, "relro_pad.so", &p)) {
		compare(p.o, p.h, "pick", 0, 0, 0);
		compare(p.o, p.h, "pick", 1, 0, 0);
	}
	done();
}

/* ---- ET_REL objects linked against loaded objects (.elfk.needed) ------- */

/* Call @fn of a core-loaded object; LONG_MIN if it does not export it. */
static long core_call(struct dl_obj *o, const char *fn, long a0, long a1)
{
	fn6 f = o ? core_func(o, fn) : NULL;

	return f ? f(a0, a1, 0, 0, 0, 0) : LONG_MIN;
}

/*
 * A load the core must refuse: the errno and a substring of the log.
 * Nothing stays loaded.
 */
static void core_refuse(const char *dir, const char *file, int want,
			const char *msg)
{
	struct dl_obj *o = calloc(1, sizeof(*o));
	struct elfk_resolver r = { .lookup_key = dl_lookup, .ctx = o };
	struct elfk_fixture_run run;
	char path[512], logbuf[1024] = "";
	struct elfk_log log;
	u64 size = 0;
	int err;

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	snprintf(o->name, sizeof(o->name), "%s", file);
	o->image = host_read_file(path, &size);
	elfk_log_init(&log, logbuf, sizeof(logbuf), ELFK_LOG_LEVEL_ERROR);
	host_env(&run, &o->elf, host_alloc, &o->mem, &r, &log);
	run.env.tls_modid = dl_nr_loaded + 1;
	run.env.bind = dl_bind;
	run.env.check_branch_targets = false;
	run.priv = o;
	err = o->image ? elfk_image_load(&o->elf, o->image, size, &run.env) :
			 -ENOENT;
	if (!tap(err == want && strstr(logbuf, msg),
		 "rellink: %s refused (%d, want %d) with \"%s\"", file, err,
		 want, msg))
		tap_diag("%s", logbuf);
	elfk_elf_release(&o->elf);
	if (o->mem)
		host_free(o->mem, o->elf.vsize);
	free(o->image);
	free(o);
}

/* ET_REL -> ET_REL: relb.o <- rela.o <- relc.o, TLS and IFUNC across. */
static void rl_chain(const char *dir)
{
	struct dl_obj *b, *a, *c;

	/* Before relb.o is loaded, rela.o's needed object is missing. */
	core_refuse(dir, "rela.o", -ENOENT,
		    ".elfk.needed 'relb.o': no loaded object provides it");
	b = core_load(dir, "relb.o");
	a = b ? core_load(dir, "rela.o") : NULL;
	c = a ? core_load(dir, "relc.o") : NULL;
	if (c) {
		tap(a->elf.nr_needed == 1 &&
		    !strcmp(elfk_elf_needed(&a->elf, 0), "relb.o"),
		    "rellink: rela.o needs relb.o (elfk_elf_needed)");
		tap(core_call(a, "ra_call", 1, 0) == 10,
		    "rellink: rela.o ra_call(1) = 10 (relb.o's rb_add)");
		tap(core_call(a, "ra_data", 0, 0) == 7,
		    "rellink: rela.o ra_data() = 7 (relb.o's rb_data)");
		tap(core_call(a, "ra_scale", 3, 0) == 300,
		    "rellink: rela.o ra_scale(3) = 300 (relb.o's IFUNC)");
		tap(core_call(a, "ra_weak", 0, 0) == 0,
		    "rellink: rela.o ra_weak() = 0 (weak missing, hidden not exported)");
		tap(core_call(a, "ra_tls_bump", 0, 0) == 41 &&
		    core_call(b, "rb_tls_get", 0, 0) == 41,
		    "rellink: rela.o ra_tls_bump() = 41, relb.o then sees 41 (one TLS block)");
		tap(core_call(c, "rc_chain", 1, 0) == 17,
		    "rellink: relc.o rc_chain(1) = 17 (rela.o, and relb.o through its scope)");
		tap(core_call(c, "rc_tls", 0, 0) == 41,
		    "rellink: relc.o rc_tls() = 41 (relb.o's rb_tls)");
		tap(c->nr_scope == 2 && c->scope[0] == a && c->scope[1] == b,
		    "rellink: relc.o's scope is rela.o, relb.o");
	}
	done();
}

/* ET_REL -> ET_DYN and ET_DYN -> ET_REL. */
static void rl_so(const char *dir)
{
	struct dl_obj *so, *ro, *b, *u;

	so = core_load(dir, "relso.so");
	ro = so ? core_load(dir, "relonso.o") : NULL;
	if (ro) {
		tap(core_call(ro, "ro_mul", 2, 0) == 13,
		    "rellink: relonso.o ro_mul(2) = 13 (relso.so's so_mul, by DT_SONAME)");
		tap(core_call(ro, "ro_tls_bump", 0, 0) == 10 &&
		    core_call(so, "so_tls_get", 0, 0) == 10,
		    "rellink: relonso.o ro_tls_bump() = 10, relso.so then sees 10");
	}
	done();
	core_refuse(dir, "reluser.so", -ENOENT,
		    "DT_NEEDED 'relb.o': no loaded object provides it");
	b = core_load(dir, "relb.o");
	u = b ? core_load(dir, "reluser.so") : NULL;
	if (u) {
		tap(core_call(u, "ru_call", 1, 0) == 8,
		    "rellink: reluser.so ru_call(1) = 8 (ET_REL relb.o's rb_add)");
		tap(core_call(u, "ru_scale", 3, 0) == 300,
		    "rellink: reluser.so ru_scale(3) = 300 (relb.o's IFUNC)");
		tap(core_call(u, "ru_tls_bump", 0, 0) == 41 &&
		    core_call(b, "rb_tls_get", 0, 0) == 41,
		    "rellink: reluser.so ru_tls_bump() = 41, relb.o then sees 41");
	}
	done();
}

/* Section @name's header in an ET_REL image, or NULL. */
static Elf64_Shdr *rl_section(u8 *image, const char *name)
{
	Elf64_Ehdr *eh = (Elf64_Ehdr *)image;
	Elf64_Shdr *sh = (Elf64_Shdr *)(image + eh->e_shoff);
	const char *shstr = (const char *)image + sh[eh->e_shstrndx].sh_offset;
	u32 i;

	for (i = 1; i < eh->e_shnum; i++)
		if (!strcmp(shstr + sh[i].sh_name, name))
			return &sh[i];
	return NULL;
}

/*
 * rela.o with its .elfk.needed replaced by @len bytes of @list (appended
 * to the image), or with its type @type, or with a second section of
 * that name; elfk_elf_parse() must refuse it with @want and @msg.
 */
static void rl_malformed(const u8 *orig, u64 size, const char *what,
			 const void *list, u64 len, u32 type, bool twice,
			 int want, const char *msg)
{
	u8 *image = calloc(1, size + len + 8);
	struct elfk_elf elf = { 0 };
	char logbuf[512] = "";
	struct elfk_log log;
	Elf64_Shdr *sh, *other;
	int err = 0;

	memcpy(image, orig, size);
	sh = rl_section(image, ".elfk.needed");
	other = rl_section(image, ".comment");
	if (!sh || !other) {
		tap(0, "rellink: %s: rela.o has .elfk.needed and .comment", what);
		free(image);
		return;
	}
	if (list) {
		memcpy(image + size, list, len);
		sh->sh_offset = size;
		sh->sh_size = len;
	}
	if (type)
		sh->sh_type = type;
	if (twice)
		other->sh_name = sh->sh_name;
	elfk_log_init(&log, logbuf, sizeof(logbuf), ELFK_LOG_LEVEL_ERROR);
	err = elfk_elf_parse(&elf, &elfk_arch_ops, image, size + len, &elfk_default_limits, &log);
	if (!tap(err == want && strstr(logbuf, msg),
		 "rellink: .elfk.needed %s: refused (%d, want %d) with \"%s\"",
		 what, err, want, msg))
		tap_diag("%s", logbuf);
	elfk_elf_release(&elf);
	free(image);
}

static void rl_sections(const char *dir)
{
	char path[512], big[ELFK_MAX_NEEDED * 3 + 8], name[ELFK_MAX_NEEDED_NAME + 2];
	struct elfk_elf elf = { 0 };
	struct elfk_log log;
	u64 size = 0;
	u8 *image;
	int i, err;

	snprintf(path, sizeof(path), "%s/rela.o", dir);
	image = host_read_file(path, &size);
	if (!tap(!!image, "rellink: read rela.o"))
		return;
	/* The unmodified object parses, naming its one needed object. */
	elfk_log_init(&log, NULL, 0, ELFK_LOG_LEVEL_ERROR);
	err = elfk_elf_parse(&elf, &elfk_arch_ops, image, size, &elfk_default_limits, &log);
	tap(!err && elf.nr_needed == 1 &&
	    !strcmp(elfk_elf_needed(&elf, 0), "relb.o"),
	    "rellink: rela.o parses with .elfk.needed = relb.o (%d)", err);
	elfk_elf_release(&elf);

	rl_malformed(image, size, "not NUL-terminated", "relb.o", 6, 0, false,
		     -ENOEXEC, "the last name is not NUL-terminated");
	rl_malformed(image, size, "empty name", "a\0\0b", 5, 0, false,
		     -ENOEXEC, "an empty name at offset 0x2");
	memset(name, 'n', sizeof(name));
	name[sizeof(name) - 1] = 0;
	rl_malformed(image, size, "name too long", name, sizeof(name), 0, false,
		     -ENAMETOOLONG, "is 64 bytes, above the 63");
	for (i = 0; i <= ELFK_MAX_NEEDED; i++)
		memcpy(big + 2 * i, "x", 2);
	rl_malformed(image, size, "too many names", big,
		     2 * (ELFK_MAX_NEEDED + 1), 0, false, -E2BIG,
		     "more than 16 names");
	rl_malformed(image, size, "SHT_NOBITS", NULL, 0, SHT_NOBITS, false,
		     -ENOEXEC, "expected SHT_PROGBITS");
	rl_malformed(image, size, "twice", NULL, 0, 0, true, -ENOEXEC,
		     "a second .elfk.needed section");
	free(image);
}

static void rl_too_large(const char *dir)
{
	static u8 blob[ELFK_MAX_NEEDED * (ELFK_MAX_NEEDED_NAME + 1) + 1];
	char path[512];
	u64 size = 0;
	u8 *image;

	snprintf(path, sizeof(path), "%s/rela.o", dir);
	image = host_read_file(path, &size);
	if (!image)
		return;
	rl_malformed(image, size, "larger than 16 names can be", blob,
		     sizeof(blob), 0, false, -E2BIG,
		     "more than 16 names of at most 63 bytes can take");
	free(image);
}

void test_rellink(const char *dir)
{
	if (!dir)
		return;
	rl_chain(dir);
	rl_so(dir);
	rl_sections(dir);
	rl_too_large(dir);
}

void test_dlopen(const char *dir, const char *reldir)
{
	if (!dir)
		return;
	dl_tls_dep(dir);
	if (reldir)
		dl_relro_pad(reldir);
	dl_hello(dir);
	dl_fptr(dir, "fptr.so");
	dl_fptr(dir, "fptr_relr.so");
	dl_kcalls(dir);
	dl_weak(dir);
	dl_chain(dir);
	dl_versions(dir);
	dl_ifunc(dir);
}
