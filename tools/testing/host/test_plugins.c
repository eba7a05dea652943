// SPDX-License-Identifier: GPL-2.0
/*
 * Host tests of the core against the SDK-built example plugins: each one is
 * parsed, placed, relocated against a host stand-in of the exported table,
 * protected with mprotect(), initialised in elfk's order and called; the
 * expected values are the ones documented at the top of each example.
 * Every exported symbol is also looked up through both hash tables.
 */
#include "host_util.h"
#include "tap.h"

/* The plugins' own __elfk_self, apart from the dlopen() test's. */
static struct elfk_self host_self;

/* The host stand-ins of host_util.c, but __elfk_self is host_self. */
static int host_lookup(void *ctx, const char *name, u64 *value)
{
	if (!strcmp(name, "__elfk_self")) {
		*value = (u64)(uintptr_t)&host_self;
		return 0;
	}
	return host_runtime_lookup(name, value);
}

static const struct elfk_resolver host_resolver = { host_lookup, NULL };

struct plugin {
	const char *name;
	struct elfk_elf elf;
	void *image;
	u8 *mem;
};

static fn6 func(struct plugin *p, const char *name)
{
	return host_func(&p->elf, name);
}

/* Load and initialise as elfk does: DT_INIT, DT_INIT_ARRAY, elfk_init. */
static bool plugin_load(struct plugin *p, const char *dir, const char *name)
{
	char path[512], log[1024];
	struct elfk_fixture_run run;
	struct elfk_log lg;
	u64 size = 0;
	fn6 init;
	int err;

	p->name = name;
	snprintf(path, sizeof(path), "%s/%s.so", dir, name);
	p->image = host_read_file(path, &size);
	if (!tap(!!p->image, "%s: read %s", name, path))
		return false;
	elfk_log_init(&lg, log, sizeof(log), ELFK_LOG_LEVEL_ERROR);
	host_env(&run, &p->elf, host_alloc, &p->mem, &host_resolver, &lg);
	run.env.check_branch_targets = false;
	err = elfk_image_load(&p->elf, p->image, size, &run.env);
	if (!tap(!err, "%s: parse, place, relocate, protect (%d)", name, err)) {
		tap_diag("%s", log);
		return false;
	}
	host_run_init(&p->elf);
	init = func(p, "elfk_init");
	return !init || tap(init(0, 0, 0, 0, 0, 0) == 0, "%s: elfk_init()", name);
}

static void plugin_unload(struct plugin *p)
{
	host_run_fini(&p->elf);
	host_free(p->mem, p->elf.vsize);
	free(p->image);
}

/* Every exported definition must be found, by both hash tables. */
static void check_lookups(struct plugin *p)
{
	u32 i, exported = 0, found = 0;
	bool had_gnu = p->elf.has_gnu;

	for (i = 1; i < p->elf.nr_syms; i++) {
		const Elf64_Sym *s = &p->elf.symtab[i];
		const char *n = elfk_elf_sym_name(&p->elf, s);
		u8 bind = ELF64_ST_BIND(s->st_info);

		if (s->st_shndx == SHN_UNDEF || (bind != STB_GLOBAL && bind != STB_WEAK) ||
		    ELF64_ST_VISIBILITY(s->st_other) == STV_HIDDEN)
			continue;
		exported++;
		p->elf.has_gnu = had_gnu;
		if (elfk_elf_lookup(&p->elf, n) != s)
			continue;
		p->elf.has_gnu = false;
		if (p->elf.has_sysv && elfk_elf_lookup(&p->elf, n) != s)
			continue;
		found++;
	}
	p->elf.has_gnu = had_gnu;
	tap(exported && found == exported,
	    "%s: all %u exported symbols found through GNU and SysV hashes",
	    p->name, exported);
}

static void test_hello(const char *dir)
{
	struct plugin p;
	char out[32];
	fn6 f;

	host_self.log[0] = '\0';
	if (!plugin_load(&p, dir, "hello"))
		return;
	check_lookups(&p);
	f = func(&p, "ctor_order");
	tap(f && f(0, 0, 0, 0, 0, 0) == 1234,
	    "hello: DT_INIT, init_array by priority, elfk_init ran in order");
	f = func(&p, "add");
	tap(f && f(2, 3, 0, 0, 0, 0) == 5 && f(2, -7, 0, 0, 0, 0) == -5,
	    "hello: add()");
	f = func(&p, "greet");
	tap(f && f((long)out, sizeof(out), 0, 0, 0, 0) == 15 &&
	    !strcmp(out, "hello from elfk"), "hello: greet() through strscpy");
	plugin_unload(&p);
	tap(strstr(host_self.log, "exit 5 seq 12345\ndtor 6 seq 123456\n"
				  "dtor 7 seq 1234567\ndt_fini 8 seq 12345678") != NULL,
	    "hello: elfk_exit, fini_array reversed, DT_FINI");
}

static void test_fptr(const char *dir, const char *name)
{
	struct plugin p;
	fn6 f;

	if (!plugin_load(&p, dir, name))
		return;
	tap(!strcmp(name, "fptr") || ELFK_HAS(&p.elf.dyn, RELR),
	    "%s: built with DT_RELR", name);
	check_lookups(&p);
	f = func(&p, "dispatch");
	tap(f && f(0, 6, 7, 0, 0, 0) == 13 && f(1, 6, 7, 0, 0, 0) == 42 &&
	    f(2, 6, 3, 0, 0, 0) == 5 && f(3, 6, 7, 0, 0, 0) == 6 &&
	    f(4, 6, 7, 0, 0, 0) == -22, "%s: function-pointer table in RELRO", name);
	f = func(&p, "walk");
	tap(f && f(0, 0, 0, 0, 0, 0) == 4660, "%s: pointers to data relocated", name);
	f = func(&p, "same_global");
	tap(f && f(0, 0, 0, 0, 0, 0) == 7, "%s: GOT, R_X86_64_64 and PC-relative agree", name);
	f = func(&p, "bump");
	tap(f && f(0, 0, 0, 0, 0, 0) == 8 && f(0, 0, 0, 0, 0, 0) == 9,
	    "%s: writes through the GOT pointer", name);
	plugin_unload(&p);
}

static void test_kcalls(const char *dir)
{
	char out[64], buf[16] = "elfk-Test 1";
	struct plugin p;
	fn6 f;

	if (!plugin_load(&p, dir, "kcalls"))
		return;
	check_lookups(&p);
	f = func(&p, "fmt");
	tap(f && f((long)out, sizeof(out), 255, 0, 0, 0) == 14 &&
	    !strcmp(out, "x=255 hex=0xff"), "kcalls: snprintf");
	f = func(&p, "checksum");
	tap(f && f((long)"elfk", 5, 0, 0, 0, 0) == 1051, "kcalls: checksum");
	f = func(&p, "upper");
	tap(f && f((long)buf, 11, 0, 0, 0, 0) == 7 && !strcmp(buf, "ELFK-TEST 1"),
	    "kcalls: upper");
	f = func(&p, "alloc_test");
	tap(f && f(16, 0, 0, 0, 0, 0) == 0 && host_self.nr_allocs == 0,
	    "kcalls: allocations balanced");
	f = func(&p, "selftest");
	tap(f && f(0, 0, 0, 0, 0, 0) == 0x3ff, "kcalls: every table function");
	f = func(&p, "clock_ok");
	tap(f && f(0, 0, 0, 0, 0, 0) == 1, "kcalls: ktime_get_ns");
	plugin_unload(&p);
}

static void test_weak(const char *dir)
{
	struct plugin p;
	fn6 f;

	if (!plugin_load(&p, dir, "weak"))
		return;
	f = func(&p, "has_weak");
	tap(f && f(0, 0, 0, 0, 0, 0) == 0, "weak: an undefined weak symbol is 0");
	plugin_unload(&p);
}

void test_plugins(const char *dir)
{
	if (!tap(!!dir, "plugins: ELFK_PLUGINS names the plugin directory"))
		return;
	test_hello(dir);
	test_fptr(dir, "fptr");
	test_fptr(dir, "fptr_relr");
	test_kcalls(dir);
	test_weak(dir);
}
