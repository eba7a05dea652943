// SPDX-License-Identifier: GPL-2.0
/*
 * Host tests of ET_REL loading: every row of the ET_REL defect table
 * (kunit/rel_cases.c), the hand-built fixture run end to end, and the
 * compiled fixtures in rel/ (built by this directory's Makefile with the
 * SDK's flags and "ld -r"): each is parsed, placed, relocated against a
 * host resolver, protected with mprotect(), initialised in elfk's order
 * and called.
 *
 * Objects are placed at 0x300000000000, more than 2 GiB from the test
 * binary and from libc, as vmalloc memory is from the kernel's text: calls
 * to host functions must go through elfk's PLT stubs and GOT, as they do
 * in the kernel.
 *
 * Thread-local storage: an object with SHF_TLS sections gets a module id
 * before relocation, as elfk_tls_register() gives it one, and the host's
 * __tls_get_addr() keeps one block per (thread, module id) made from the
 * object's template, as elfk/tls.c does per (task, module id).
 */
#include <pthread.h>
#include <stdarg.h>
#include <sys/mman.h>

#include "host_util.h"
#include "tap.h"
#include "../../../kunit/rel_fixture.h"

#ifndef MAP_FIXED_NOREPLACE
#define MAP_FIXED_NOREPLACE 0x100000
#endif

#define FAR_BASE 0x300000000000ULL
#define HOST_ENTRY __attribute__((force_align_arg_pointer))

static u64 far_next = FAR_BASE;

static void *far_alloc(u64 size, u64 align)
{
	u64 total = size + align;
	u8 *raw, *p;

	raw = mmap((void *)(uintptr_t)far_next, total, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	if (raw == MAP_FAILED)
		raw = mmap(NULL, total, PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (raw == MAP_FAILED)
		return NULL;
	far_next += (total + 0xffffff) & ~0xffffffULL;
	p = (u8 *)(((uintptr_t)raw + align - 1) & ~(uintptr_t)(align - 1));
	if (p > raw)
		munmap(raw, p - raw);
	if (raw + total > p + size)
		munmap(p + size, raw + total - (p + size));
	return p;
}

/* ---- the host resolver ----------------------------------------------------- */

static struct elfk_self rel_self;
static long host_data = 0x5151;

HOST_ENTRY static void rel_printk(struct elfk_self *self, const char *fmt, ...)
{
	size_t used = strlen(self->log);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(self->log + used, sizeof(self->log) - used, fmt, ap);
	va_end(ap);
}

HOST_ENTRY static size_t host_strlen(const char *s)
{
	return strlen(s);
}

HOST_ENTRY static long host_far_fn(void)
{
	return 0x4444;
}

HOST_ENTRY static long host_far_fn2(void)
{
	return 0x4545;
}

HOST_ENTRY static long host_far_fn3(void)
{
	return 0x4646;
}

/*
 * __tls_get_addr(): one block per (thread, module id), the module's
 * template (.tdata) copied and the rest (.tbss) zeroed on the thread's
 * first access.  Module ids are handed out by host_tls_register() from the
 * main thread while no other thread runs; each thread frees its own
 * blocks with host_tls_release() before it ends.  An index that names no
 * module, or an offset outside its block, is counted in host_tls_bad and
 * answered with a scratch area, so that a wrong GOT pair fails a check
 * instead of crashing the test.
 */
#define HOST_TLS_MODULES 4

static struct {
	const u8 *image;
	u64 filesz;
	u64 memsz;
	u64 align;
} host_tls_mod[HOST_TLS_MODULES + 1];		/* [0]: no module */
static __thread u8 *host_tls_block[HOST_TLS_MODULES + 1];
static int host_tls_bad;
static u64 host_tls_calls;
static pthread_mutex_t host_tls_lock = PTHREAD_MUTEX_INITIALIZER;
static u8 host_tls_scratch[0x10000] __aligned(64);

HOST_ENTRY static void *host_tls_get_addr(const struct host_tls_index *ti)
{
	u64 id = ti->module;
	u8 *b;

	pthread_mutex_lock(&host_tls_lock);
	host_tls_calls++;
	if (!id || id > HOST_TLS_MODULES || !host_tls_mod[id].image ||
	    ti->offset >= host_tls_mod[id].memsz) {
		host_tls_bad++;
		pthread_mutex_unlock(&host_tls_lock);
		return host_tls_scratch;
	}
	pthread_mutex_unlock(&host_tls_lock);
	b = host_tls_block[id];
	if (!b) {
		u64 align = host_tls_mod[id].align ?: 1;

		b = aligned_alloc(align, (host_tls_mod[id].memsz + align - 1) & ~(align - 1));
		if (!b)
			return host_tls_scratch;
		memset(b, 0, host_tls_mod[id].memsz);
		memcpy(b, host_tls_mod[id].image, host_tls_mod[id].filesz);
		host_tls_block[id] = b;
	}
	return b + ti->offset;
}

/* Free the calling thread's blocks (of module @id only, if not 0). */
static void host_tls_release(u64 id)
{
	u64 i;

	for (i = 1; i <= HOST_TLS_MODULES; i++) {
		if (id && i != id)
			continue;
		free(host_tls_block[i]);
		host_tls_block[i] = NULL;
	}
}

/* Give a placed object with TLS a module id: its template is in place. */
static int host_tls_register(struct elfk_elf *elf)
{
	u64 id;

	if (!elf->has_tls)
		return 0;
	for (id = 1; id <= HOST_TLS_MODULES; id++) {
		if (host_tls_mod[id].image)
			continue;
		host_tls_mod[id].image = elfk_elf_ptr(elf, elf->tls.vaddr);
		host_tls_mod[id].filesz = elf->tls.filesz;
		host_tls_mod[id].memsz = elf->tls.memsz;
		host_tls_mod[id].align = elf->tls.align;
		elf->tls_modid = id;
		return 0;
	}
	return -ENOSPC;
}

/* At unload: the id goes, and the calling thread's block with it. */
static void host_tls_unregister(struct elfk_elf *elf)
{
	if (!elf->tls_modid || elf->tls_modid > HOST_TLS_MODULES)
		return;
	host_tls_release(elf->tls_modid);
	memset(&host_tls_mod[elf->tls_modid], 0, sizeof(host_tls_mod[0]));
	elf->tls_modid = 0;
}

static const struct {
	const char *name;
	u64 value;
} rel_table[] = {
	{ "strlen", (u64)(uintptr_t)host_strlen },
	{ "__elfk_self", (u64)(uintptr_t)&rel_self },
	{ "elfk_self_printk", (u64)(uintptr_t)rel_printk },
	{ "host_far_fn", (u64)(uintptr_t)host_far_fn },
	{ "host_far_fn2", (u64)(uintptr_t)host_far_fn2 },
	{ "host_far_fn3", (u64)(uintptr_t)host_far_fn3 },
	{ "host_data", (u64)(uintptr_t)&host_data },
	{ "small_abs", 0x1000 },
	{ "small_neg", (u64)-0x10000LL },
	{ "ktime_get_ns", (u64)(uintptr_t)ktime_get_ns },
	{ "__tls_get_addr", (u64)(uintptr_t)host_tls_get_addr },
};

static int rel_lookup(void *ctx, const char *name, u64 *value)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(rel_table); i++) {
		if (!strcmp(rel_table[i].name, name)) {
			*value = rel_table[i].value;
			return 0;
		}
	}
	return -ENOENT;
}

static const struct elfk_resolver rel_resolver = { rel_lookup, NULL };

/* ---- loading ------------------------------------------------------------------ */

struct rel_obj {
	struct elfk_elf elf;
	u8 *mem;
	char log[1024];
};

typedef long (*fn0)(void);
typedef long (*fn1)(long);
typedef long (*fn2)(long, long);

static int rel_bind(void *ctx, struct elfk_elf *elf, struct elfk_log *log)
{
	return host_tls_register(elf);
}

/*
 * The whole load as elfk runs it (host_env()), in memory far from the
 * host's text, with module ids from the host's TLS stand-in.
 */
static int rel_load(struct rel_obj *o, const void *image, u64 size)
{
	struct elfk_fixture_run run;
	struct elfk_log log;

	memset(o, 0, sizeof(*o));
	elfk_log_init(&log, o->log, sizeof(o->log), ELFK_LOG_LEVEL_ERROR);
	host_env(&run, &o->elf, far_alloc, &o->mem, &rel_resolver, &log);
	run.env.bind = rel_bind;
	return elfk_image_load(&o->elf, image, size, &run.env);
}

static void rel_unload(struct rel_obj *o)
{
	host_tls_unregister(&o->elf);
	host_free(o->mem, o->elf.vsize);
	o->mem = NULL;
	elfk_elf_release(&o->elf);
}

static void rel_init(struct rel_obj *o)
{
	if (ELFK_HAS(&o->elf.dyn, INIT_ARRAY))
		host_run_array(&o->elf, o->elf.dyn.init_array, o->elf.dyn.init_arraysz, false);
}

static void rel_fini(struct rel_obj *o)
{
	if (ELFK_HAS(&o->elf.dyn, FINI_ARRAY))
		host_run_array(&o->elf, o->elf.dyn.fini_array, o->elf.dyn.fini_arraysz, true);
}

static void *rel_func(struct rel_obj *o, const char *name)
{
	const Elf64_Sym *s = elfk_elf_lookup(&o->elf, name);

	if (!s || ELF64_ST_TYPE(s->st_info) != STT_FUNC ||
	    !elfk_elf_is_text(&o->elf, s->st_value))
		return NULL;
	return elfk_elf_ptr(&o->elf, s->st_value);
}

/* Call @name with up to two arguments; a missing function fails the test. */
static long call2(struct rel_obj *o, const char *name, long a, long b)
{
	fn2 f = (fn2)rel_func(o, name);

	if (!f) {
		tap_diag("no function '%s'", name);
		return 0x7ead;
	}
	return f(a, b);
}

static long call0(struct rel_obj *o, const char *name)
{
	return call2(o, name, 0, 0);
}

/* ---- the hand-built fixture ---------------------------------------------------- */

static void test_rel_cases(void)
{
	static struct elfk_rel_fixture f;
	struct elfk_elf elf;
	struct elfk_log log;
	char buf[512];
	unsigned int i;
	u8 *mem;
	int err;

	for (i = 0; i < elfk_rel_fixture_nr_cases; i++) {
		const struct elfk_rel_fixture_case *c = &elfk_rel_fixture_cases[i];

		elfk_rel_fixture_build(&f);
		c->mutate(&f);
		elfk_log_init(&log, buf, sizeof(buf), ELFK_LOG_LEVEL_ERROR);
		err = elfk_rel_fixture_run_core(&elf, f.buf, f.size, far_alloc,
						&mem, &rel_resolver, &log);
		if (!tap(err == c->err && strstr(buf, c->msg),
			 "rel fixture %s: errno %d, message contains \"%s\"",
			 c->name, c->err, c->msg))
			tap_diag("got errno %d, log: %s", err, buf);
		host_free(mem, elf.vsize);
		elfk_elf_release(&elf);
	}
}

static void test_rel_fixture_exec(void)
{
	static struct elfk_rel_fixture f;
	struct elfk_limits lim = elfk_default_limits;
	struct elfk_elf elf;
	struct elfk_log log;
	struct rel_obj o;
	u64 ret42, dist;
	int err;

	elfk_rel_fixture_build(&f);
	err = rel_load(&o, f.buf, f.size);
	if (!tap(!err, "rel fixture: loads, relocates and is protected"))
		tap_diag("errno %d, log: %s", err, o.log);
	if (err) {
		rel_unload(&o);
		return;
	}
	tap(o.elf.nr_segs == 3 && o.elf.segs[0].prot == (ELFK_PROT_R | ELFK_PROT_X) &&
	    o.elf.segs[1].prot == ELFK_PROT_R &&
	    o.elf.segs[2].prot == (ELFK_PROT_R | ELFK_PROT_W) && o.elf.vbase == 0,
	    "rel fixture: three runs, text RX, rodata R, data RW");
	rel_init(&o);
	ret42 = (u64)(uintptr_t)rel_func(&o, "ret42");
	tap(call0(&o, "ret42") == ELFK_RELFIX_RET42, "rel fixture: ret42() = 42");
	tap((u64)call0(&o, "get_slot") == ret42,
	    "rel fixture: get_slot() = &ret42 (R_X86_64_64, PC32 to .data)");
	tap(call0(&o, "get_flag") == ELFK_RELFIX_FLAG,
	    "rel fixture: get_flag() = 1 (.init_array ran, PC32 to .bss)");
	dist = (u64)(uintptr_t)host_strlen - (u64)(uintptr_t)o.mem;
	tap(call0(&o, "call_ext") == ELFK_RELFIX_STRLEN,
	    "rel fixture: call_ext() = strlen(\"hello\") = 5 (PLT32, %s)",
	    (s64)dist > S32_MAX || (s64)dist < S32_MIN ? "through a PLT stub" :
	    "direct");
	tap(!elfk_elf_lookup(&o.elf, "hidden_fn") && !elfk_elf_lookup(&o.elf, "ctor") &&
	    !elfk_elf_lookup(&o.elf, "strlen") && elfk_elf_lookup(&o.elf, "call_ext"),
	    "rel fixture: lookups find exported definitions only");
	rel_unload(&o);

	lim.max_sections = 5;
	elfk_log_init(&log, o.log, sizeof(o.log), ELFK_LOG_LEVEL_ERROR);
	err = elfk_elf_parse(&elf, &elfk_arch_ops, f.buf, f.size, &lim, &log);
	tap(err == -E2BIG && strstr(o.log, "e_shnum 12 is above the max_sections cap of 5"),
	    "rel fixture: the max_sections cap applies");
	elfk_elf_release(&elf);
}

/* ---- compiled fixtures ---------------------------------------------------------- */

/* Relocation types applied to loaded sections, as a bitmap. */
static u64 types_in(const u8 *img, u64 size)
{
	const Elf64_Ehdr *eh = (const Elf64_Ehdr *)img;
	const Elf64_Shdr *sh = (const Elf64_Shdr *)(img + eh->e_shoff);
	u64 seen = 0, k;
	u32 i;

	for (i = 0; i < eh->e_shnum; i++) {
		const Elf64_Rela *r = (const Elf64_Rela *)(img + sh[i].sh_offset);

		if (sh[i].sh_type != SHT_RELA ||
		    !(sh[sh[i].sh_info].sh_flags & SHF_ALLOC))
			continue;
		for (k = 0; k < sh[i].sh_size / sizeof(*r); k++)
			if (ELF64_R_TYPE(r[k].r_info) < 64)
				seen |= 1ULL << ELF64_R_TYPE(r[k].r_info);
	}
	return seen;
}

static bool load_file(struct rel_obj *o, const char *dir, const char *name,
		      void **image, u64 *types)
{
	char path[4096];
	u64 size = 0;
	int err;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	*image = host_read_file(path, &size);
	if (!tap(!!*image, "rel %s: read %s", name, path))
		return false;
	*types = types_in(*image, size);
	err = rel_load(o, *image, size);
	if (!tap(!err, "rel %s: loads, relocates and is protected", name)) {
		tap_diag("errno %d, log: %s", err, o->log);
		rel_unload(o);
		free(*image);
		return false;
	}
	return true;
}

/*
 * The indirect branch through the GOT at @fn + @at must now be "@op rel32
 * nop", to @to when the object defines it, else to a PLT stub: inside the
 * object, starting with endbr64.
 */
static void check_branch(struct rel_obj *o, const char *fn, u32 at, u8 op,
			 const char *to)
{
	static const u8 endbr64[] = { 0xf3, 0x0f, 0x1e, 0xfa };
	const u8 *start = rel_func(o, fn), *site, *target = NULL;
	const u8 *want = to ? rel_func(o, to) : NULL;
	s32 rel32;
	bool ok;

	if (!tap(!!start, "rel_types: %s is exported", fn))
		return;
	site = start + at;
	ok = site[0] == op && site[5] == 0x90;
	if (ok) {
		memcpy(&rel32, site + 1, sizeof(rel32));
		target = site + 5 + rel32;
		if (to)
			ok = want && target == want;
		else
			ok = target >= o->mem && target < o->mem + o->elf.vsize &&
			     !memcmp(target, endbr64, sizeof(endbr64));
	}
	if (!tap(ok, "rel_types: %s's branch through the GOT is now direct (%02x rel32 90) to %s",
		 fn, op, to ?: "a PLT stub"))
		tap_diag("bytes %02x %02x %02x %02x %02x %02x, target %p", site[0],
			 site[1], site[2], site[3], site[4], site[5], target);
}

static void test_rel_types(const char *dir)
{
	static const struct {
		const char *fn;
		u32 type;
		const char *type_name;
		long want;
	} rows[] = {
		{ "t_r64", R_X86_64_64, "R_X86_64_64", 0x6464 },
		{ "t_pc32", R_X86_64_PC32, "R_X86_64_PC32", 0x3232 },
		{ "t_pc32_far", R_X86_64_PC32, "R_X86_64_PC32 (far function)", 0x4444 },
		{ "t_plt32_far", R_X86_64_PLT32, "R_X86_64_PLT32 (far)", 0x4545 },
		{ "t_plt32_near", R_X86_64_PLT32, "R_X86_64_PLT32 (near)", 0x3333 },
		{ "t_r32", R_X86_64_32, "R_X86_64_32", 0x1003 },
		{ "t_r32s", R_X86_64_32S, "R_X86_64_32S", -0x10000 },
		{ "t_pc64", R_X86_64_PC64, "R_X86_64_PC64", 0x6400 },
		{ "t_gotpcrel", R_X86_64_GOTPCREL, "R_X86_64_GOTPCREL", 0x5151 },
		{ "t_gotpcrelx", R_X86_64_GOTPCRELX, "R_X86_64_GOTPCRELX", 0x4646 },
		{ "t_gotpcrelx_jmp", R_X86_64_GOTPCRELX, "R_X86_64_GOTPCRELX (jmp)", 0x4646 },
		{ "t_gotpcrelx_near", R_X86_64_GOTPCRELX, "R_X86_64_GOTPCRELX (near)", 0x4747 },
		{ "t_gotpcrelx_gd", R_X86_64_GOTPCRELX, "R_X86_64_GOTPCRELX (GD)", 0x4646 },
		{ "t_rex_gotpcrelx", R_X86_64_REX_GOTPCRELX, "R_X86_64_REX_GOTPCRELX", 0x5151 },
		{ "t_gotpc32", R_X86_64_GOTPC32, "R_X86_64_GOTPC32", 0x6f6f },
		{ "t_gotpc32", R_X86_64_GOTOFF64, "R_X86_64_GOTOFF64", 0x6f6f },
		{ "t_none", R_X86_64_NONE, "R_X86_64_NONE", 0x4e4e },
	};
	struct rel_obj o;
	void *image;
	u64 types;
	long got;
	size_t i;

	if (!load_file(&o, dir, "rel_types.o", &image, &types))
		return;
	for (i = 0; i < ARRAY_SIZE(rows); i++) {
		got = call0(&o, rows[i].fn);
		if (!tap(got == rows[i].want && (types >> rows[i].type & 1),
			 "rel_types: %s in the object and %s() = %#lx",
			 rows[i].type_name, rows[i].fn, rows[i].want))
			tap_diag("got %#lx, type %s in the object", got,
				 types >> rows[i].type & 1 ? "is" : "is not");
	}
	/* Offsets: after endbr64 (4 bytes) and subq $8, %rsp (4). */
	check_branch(&o, "t_gotpcrelx", 8, 0xe8, NULL);
	check_branch(&o, "t_gotpcrelx_jmp", 4, 0xe9, NULL);
	check_branch(&o, "t_gotpcrelx_near", 8, 0xe8, "near_fn");
	check_branch(&o, "t_gotpcrelx_gd", 10, 0xe8, NULL);
	rel_unload(&o);
	free(image);
}

static void test_rel_large(const char *dir)
{
	struct rel_obj o;
	void *image;
	u64 types;

	if (!load_file(&o, dir, "rel_large.o", &image, &types))
		return;
	tap((types >> R_X86_64_GOTPC64 & 1) && (types >> R_X86_64_GOTOFF64 & 1) &&
	    call2(&o, "t_large", 3, 0) == 0x1a1a && call2(&o, "t_large", 0, 0) == 1,
	    "rel_large (-mcmodel=large): R_X86_64_GOTPC64 and GOTOFF64, t_large(3) = 0x1a1a");
	rel_unload(&o);
	free(image);
}

static void test_rel_c(const char *dir)
{
	struct rel_obj o;
	const Elf64_Sym *s;
	void *image;
	u64 types;
	fn0 init;

	if (!load_file(&o, dir, "rel_c.o", &image, &types))
		return;
	rel_self.log[0] = '\0';
	rel_init(&o);
	init = (fn0)rel_func(&o, "elfk_init");
	tap(init && init() == 0, "rel_c: elfk_init() is exported and returns 0");
	tap(call0(&o, "ctor_order") == 123456,
	    "rel_c: ctor_order() = 123456 (init priorities, .ctors reversed, elfk_init)");
	s = elfk_elf_lookup(&o.elf, "common_var");
	tap(!s, "rel_c: hidden SHN_COMMON symbol is not exported");
	tap(call0(&o, "common_bump") == 5 && call0(&o, "common_bump") == 10,
	    "rel_c: common_bump() = 5, 10 (SHN_COMMON placed in the data run)");
	tap(call0(&o, "weak_probe") == 77, "rel_c: weak_probe() = 77 (weak undefined is 0)");
	tap(call0(&o, "say") == 1 && strstr(rel_self.log, "rel says 42"),
	    "rel_c: say() logs through __elfk_self and elfk_self_printk");
	tap(call0(&o, "bump") == 8 && call0(&o, "bump") == 9,
	    "rel_c: bump() = 8, 9 (own default-visibility global through the GOT)");
	tap(call2(&o, "dispatch", 0, 20) == 21 && call2(&o, "dispatch", 1, 20) == 40,
	    "rel_c: dispatch() through a const table of function pointers");
	tap(call0(&o, "slen") == 11, "rel_c: slen() = 11 (strlen through GOT and retpoline)");
	rel_fini(&o);
	tap(call0(&o, "ctor_order") == 1234567891,
	    "rel_c: after the fini array, ctor_order() = 1234567891 (.dtors in order)");
	rel_unload(&o);
	free(image);
}

/* ---- STT_GNU_IFUNC (tools/examples/deps/ifunc.c) ------------------------------- */

static int prot_at_cb(void *ctx, u64 off, u64 len, u32 prot)
{
	u64 *at = ctx;

	if (at[0] >= off && at[0] < off + len)
		at[1] = prot;
	return 0;
}

/* The final permission of the page at region offset @off. */
static u32 final_prot(struct rel_obj *o, u64 off)
{
	u64 at[2] = { off, ~0ULL };

	elfk_elf_walk_prot(&o->elf, prot_at_cb, at);
	return (u32)at[1];
}

static void test_rel_ifunc(const char *dir)
{
	const Elf64_Sym *scale;
	struct rel_obj o;
	void *image;
	u64 types;
	long v[3];

	if (!load_file(&o, dir, "ifunc_rel.o", &image, &types))
		return;
	scale = elfk_elf_lookup(&o.elf, "scale");
	tap(scale && ELF64_ST_TYPE(scale->st_info) == STT_GNU_IFUNC,
	    "ifunc_rel: 'scale' is exported as STT_GNU_IFUNC");
	if (!tap(o.elf.nr_ifunc_relocs == 2,
		 "ifunc_rel: two IFUNC symbols, each resolved once (%u)",
		 o.elf.nr_ifunc_relocs))
		goto out;
	/* The GOT run: writable for the resolvers, read-only after them. */
	tap(o.elf.relro_end > o.elf.relro_start &&
	    final_prot(&o, o.elf.relro_start) == ELFK_PROT_R,
	    "ifunc_rel: the GOT is a run of its own, read-only once resolved");
	rel_init(&o);
	call0(&o, "elfk_init");
	v[0] = call2(&o, "call_scale", 3, 0);
	v[1] = call2(&o, "call_sub", 10, 0);
	v[2] = call0(&o, "resolved");
	if (!tap(v[0] == 300 && v[1] == 3 && v[2] == 2,
		 "ifunc_rel: call_scale(3) = 300, call_sub(10) = 3, resolved() = 2"))
		tap_diag("got %ld, %ld, %ld", v[0], v[1], v[2]);
out:
	rel_unload(&o);
	free(image);
}

/* ---- thread-local storage (tools/examples/tls.c, tls_ie.c) --------------------- */

/* tls.c's expected values (see its header comment). */
#define EX_TLS_INIT 1000
#define EX_TLS_CHECK 3468
#define EX_TLS_CHECK_AGAIN 32896
/* .tdata: tls_counter (8 bytes) and tls_pattern[8] (32); .tbss: 256 bytes. */
#define EX_TLS_FILESZ 40
#define EX_TLS_MEMSZ (40 + 256)

struct tls_thread {
	struct rel_obj *o;
	long inc, check, get;
};

static void *tls_thread_fn(void *arg)
{
	struct tls_thread *t = arg;

	t->inc = call0(t->o, "tls_inc");
	t->check = call0(t->o, "tls_check");
	t->get = call0(t->o, "tls_get");
	host_tls_release(0);
	return NULL;
}

static void test_rel_tls_run(const char *dir)
{
	const long init = EX_TLS_INIT;
	struct tls_thread t = { 0 };
	struct rel_obj o, o2;
	void *image, *image2;
	u64 types, types2;
	pthread_t th;
	long v[3];

	host_tls_bad = 0;
	host_tls_calls = 0;
	if (!load_file(&o, dir, "tls_rel.o", &image, &types))
		return;
	tap((types >> R_X86_64_TLSGD & 1) && (types >> R_X86_64_TLSLD & 1) &&
	    (types >> R_X86_64_DTPOFF32 & 1),
	    "tls_rel: R_X86_64_TLSGD, TLSLD and DTPOFF32 in the object");
	if (!tap(o.elf.has_tls && o.elf.tls_modid && o.elf.tls.filesz == EX_TLS_FILESZ &&
		 o.elf.tls.memsz == EX_TLS_MEMSZ,
		 "tls_rel: a module id and a %u-byte TLS block, %u from the .tdata template",
		 EX_TLS_MEMSZ, EX_TLS_FILESZ))
		tap_diag("has_tls %d, module id %llu, filesz %llu, memsz %llu",
			 o.elf.has_tls, (unsigned long long)o.elf.tls_modid,
			 (unsigned long long)o.elf.tls.filesz,
			 (unsigned long long)o.elf.tls.memsz);

	v[0] = call0(&o, "tls_get");
	v[1] = call0(&o, "tls_inc");
	v[2] = call0(&o, "tls_inc");
	if (!tap(v[0] == init && v[1] == init + 1 && v[2] == init + 2,
		 "tls_rel: tls_get() = 1000, then tls_inc() = 1001, 1002 (TLSGD)"))
		tap_diag("got %ld, %ld, %ld", v[0], v[1], v[2]);
	v[0] = call0(&o, "tls_check");
	v[1] = call0(&o, "tls_check");
	if (!tap(v[0] == EX_TLS_CHECK && v[1] == EX_TLS_CHECK_AGAIN,
		 "tls_rel: tls_check() = 3468, then 32896 (TLSLD, DTPOFF32; .tdata, zeroed .tbss)"))
		tap_diag("got %ld, %ld", v[0], v[1]);

	/* Another thread: a fresh block; this thread's is left alone. */
	t.o = &o;
	if (!tap(!pthread_create(&th, NULL, tls_thread_fn, &t) && !pthread_join(th, NULL),
		 "tls_rel: a second thread runs"))
		memset(&t, 0, sizeof(t));
	if (!tap(t.inc == init + 1 && t.check == EX_TLS_CHECK && t.get == init + 1,
		 "tls_rel: another thread gets a fresh block (tls_inc() 1001, tls_check() 3468)"))
		tap_diag("got tls_inc %ld, tls_check %ld, tls_get %ld", t.inc, t.check, t.get);
	v[0] = call0(&o, "tls_get");
	tap(v[0] == init + 2,
	    "tls_rel: the first thread's counter is untouched (tls_get() = 1002, got %ld)", v[0]);

	/* tls_bench(n) increments the counter n times through the GD sequence. */
	call2(&o, "tls_bench", 100, 0);
	v[0] = call0(&o, "tls_get");
	tap(v[0] == init + 102, "tls_rel: tls_bench(100), then tls_get() = 1102 (got %ld)", v[0]);

	/* A second copy: its own module id, so its GOT pairs reach its own block. */
	if (load_file(&o2, dir, "tls_rel.o", &image2, &types2)) {
		v[0] = call0(&o2, "tls_inc");
		v[1] = call0(&o2, "tls_inc");
		v[2] = call0(&o, "tls_get");
		if (!tap(o2.elf.tls_modid && o2.elf.tls_modid != o.elf.tls_modid &&
			 v[0] == init + 1 && v[1] == init + 2 && v[2] == init + 102,
			 "tls_rel: two copies, two module ids, separate counters in one thread"))
			tap_diag("module ids %llu, %llu; tls_inc %ld, %ld; first tls_get %ld",
				 (unsigned long long)o.elf.tls_modid,
				 (unsigned long long)o2.elf.tls_modid, v[0], v[1], v[2]);
		rel_unload(&o2);
		free(image2);
	}

	if (!tap(!host_tls_bad && host_tls_calls >= 100,
		 "tls_rel: each __tls_get_addr() call named a loaded module and its block"))
		tap_diag("%d bad of %llu calls", host_tls_bad,
			 (unsigned long long)host_tls_calls);
	rel_unload(&o);
	free(image);
	host_tls_release(0);
}

/* Refused models: GOTTPOFF, TPOFF32, TLSDESC. */
static void test_rel_tls_refused(const char *dir)
{
	static const struct {
		const char *file;
		u32 type;
		const char *msg;
		const char *flag;
	} rows[] = {
		{ "tls_ie_rel.o", R_X86_64_GOTTPOFF,
		  "relocation type R_X86_64_GOTTPOFF (22) is not supported in ET_REL objects: initial/local-exec TLS uses %fs",
		  "-ftls-model=global-dynamic" },
		{ "tls_le_rel.o", R_X86_64_TPOFF32,
		  "relocation type R_X86_64_TPOFF32 (23) is not supported in ET_REL objects: initial/local-exec TLS uses %fs",
		  "-ftls-model=global-dynamic" },
		{ "tls_desc_rel.o", R_X86_64_GOTPC32_TLSDESC,
		  "relocation type R_X86_64_GOTPC32_TLSDESC (34) is not supported in ET_REL objects: TLS descriptors",
		  "-mtls-dialect=gnu" },
	};
	char path[4096];
	struct rel_obj o;
	void *image;
	u64 size = 0;
	size_t i;
	int err;

	for (i = 0; i < ARRAY_SIZE(rows); i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, rows[i].file);
		image = host_read_file(path, &size);
		if (!tap(!!image, "rel %s: read %s", rows[i].file, path))
			continue;
		err = rel_load(&o, image, size);
		if (!tap((types_in(image, size) >> rows[i].type & 1) &&
			 err == -EOPNOTSUPP && strstr(o.log, rows[i].msg) &&
			 strstr(o.log, rows[i].flag),
			 "rel %s: refused with EOPNOTSUPP, \"%s\", \"%s\"",
			 rows[i].file, rows[i].msg, rows[i].flag))
			tap_diag("type %u %s in the object; errno %d, log: %s", rows[i].type,
				 types_in(image, size) >> rows[i].type & 1 ? "is" : "is not",
				 err, o.log);
		rel_unload(&o);
		free(image);
	}
}

void test_rel(const char *dir)
{
	test_rel_cases();
	test_rel_fixture_exec();
	if (!dir) {
		tap_diag("ELFK_REL_FIXTURES not set: compiled ET_REL fixtures skipped");
		return;
	}
	test_rel_types(dir);
	test_rel_large(dir);
	test_rel_c(dir);
	test_rel_tls_run(dir);
	test_rel_tls_refused(dir);
	test_rel_ifunc(dir);
}
