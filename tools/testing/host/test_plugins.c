// SPDX-License-Identifier: GPL-2.0
/*
 * Host tests of the core against the SDK-built example plugins: each one is
 * parsed, placed, relocated against a host stand-in of the exported table,
 * protected with mprotect(), initialised in elfk's order and called; the
 * expected values are the ones documented at the top of each example.
 * Every exported symbol is also looked up through both hash tables.
 */
#include <fcntl.h>
#include <stdarg.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "tap.h"
#include "tests.h"

struct elfk_self {
	char log[4096];
	long nr_allocs;
};

static struct elfk_self host_self;

/*
 * Plugins are built like kernel code, with an 8-byte stack alignment
 * (-mpreferred-stack-boundary=3); glibc expects 16.  Host stand-ins that
 * may reach SSE code realign on entry.
 */
#define HOST_ENTRY __attribute__((force_align_arg_pointer))

HOST_ENTRY static int host_vsnprintf(char *buf, size_t n, const char *fmt,
				     va_list ap)
{
	return vsnprintf(buf, n, fmt, ap);
}

HOST_ENTRY static int host_snprintf(char *buf, size_t n, const char *fmt, ...)
{
	va_list ap;
	int ret;

	va_start(ap, fmt);
	ret = vsnprintf(buf, n, fmt, ap);
	va_end(ap);
	return ret;
}

HOST_ENTRY static void host_printk(struct elfk_self *self, const char *fmt, ...)
{
	size_t used = strlen(self->log);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(self->log + used, sizeof(self->log) - used, fmt, ap);
	va_end(ap);
	used = strlen(self->log);
	if (used + 1 < sizeof(self->log) && (!used || self->log[used - 1] != '\n'))
		strcat(self->log, "\n");
}

HOST_ENTRY static void *host_malloc(struct elfk_self *self, size_t n)
{
	self->nr_allocs++;
	return calloc(1, n);
}

HOST_ENTRY static void host_free_mem(struct elfk_self *self, void *p)
{
	if (p)
		self->nr_allocs--;
	free(p);
}

HOST_ENTRY static u64 host_ktime(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

static long host_strscpy(char *dst, const char *src, size_t count)
{
	size_t len = strnlen(src, count);

	if (!count)
		return -E2BIG;
	if (len == count) {
		memcpy(dst, src, count - 1);
		dst[count - 1] = '\0';
		return -E2BIG;
	}
	memcpy(dst, src, len + 1);
	return len;
}

static const struct {
	const char *name;
	void *addr;
} host_table[] = {
	{ "__elfk_self", &host_self },
	{ "elfk_self_printk", (void *)host_printk },
	{ "elfk_self_malloc", (void *)host_malloc },
	{ "elfk_self_free", (void *)host_free_mem },
	{ "ktime_get_ns", (void *)host_ktime },
	{ "strscpy", (void *)host_strscpy },
	{ "memcpy", (void *)memcpy },
	{ "memmove", (void *)memmove },
	{ "memset", (void *)memset },
	{ "memcmp", (void *)memcmp },
	{ "strlen", (void *)strlen },
	{ "strnlen", (void *)strnlen },
	{ "strcmp", (void *)strcmp },
	{ "strncmp", (void *)strncmp },
	{ "snprintf", (void *)host_snprintf },
	{ "vsnprintf", (void *)host_vsnprintf },
};

static int host_lookup(void *ctx, const char *name, u64 *value)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(host_table); i++) {
		if (!strcmp(host_table[i].name, name)) {
			*value = (u64)(uintptr_t)host_table[i].addr;
			return 0;
		}
	}
	return -ENOENT;
}

static const struct elfk_resolver host_resolver = { host_lookup, NULL };

struct plugin {
	const char *name;
	struct elfk_elf elf;
	void *image;
	u8 *mem;
};

typedef long (*fn6)(long, long, long, long, long, long);

static void *read_file(const char *path, u64 *size)
{
	struct stat st;
	void *buf = NULL;
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return NULL;
	if (!fstat(fd, &st) && st.st_size > 0) {
		buf = malloc(st.st_size);
		if (buf && read(fd, buf, st.st_size) != st.st_size) {
			free(buf);
			buf = NULL;
		}
		*size = st.st_size;
	}
	close(fd);
	return buf;
}

static void run_array(struct plugin *p, u64 vaddr, u64 size, bool reverse)
{
	const u64 *fn = elfk_elf_ptr(&p->elf, vaddr);
	u64 i, n = size / 8;

	for (i = 0; i < n; i++) {
		u64 f = fn[reverse ? n - 1 - i : i];

		if (f && f != (u64)-1)
			((void (*)(void))(uintptr_t)f)();
	}
}

static fn6 func(struct plugin *p, const char *name)
{
	const Elf64_Sym *s = elfk_elf_lookup(&p->elf, name);

	if (!s || ELF64_ST_TYPE(s->st_info) != STT_FUNC)
		return NULL;
	return (fn6)(uintptr_t)elfk_elf_ptr(&p->elf, s->st_value);
}

/* Load and initialise as elfk does: DT_INIT, DT_INIT_ARRAY, elfk_init. */
static bool plugin_load(struct plugin *p, const char *dir, const char *name)
{
	const struct elfk_dynamic *dyn = &p->elf.dyn;
	char path[512], log[1024];
	struct elfk_log lg;
	u64 size = 0;
	fn6 init;
	int err;

	p->name = name;
	snprintf(path, sizeof(path), "%s/%s.so", dir, name);
	p->image = read_file(path, &size);
	if (!tap(!!p->image, "%s: read %s", name, path))
		return false;
	elfk_log_init(&lg, log, sizeof(log), ELFK_LOG_LEVEL_ERROR);
	err = elfk_fixture_run_core(&p->elf, p->image, size, host_alloc,
				    &p->mem, &host_resolver, &lg);
	if (!err)
		err = host_protect(&p->elf);
	if (!tap(!err, "%s: parse, place, relocate, protect (%d)", name, err)) {
		tap_diag("%s", log);
		return false;
	}
	if (ELFK_HAS(dyn, INIT))
		((void (*)(void))elfk_elf_ptr(&p->elf, dyn->init))();
	if (ELFK_HAS(dyn, INIT_ARRAY))
		run_array(p, dyn->init_array, dyn->init_arraysz, false);
	init = func(p, "elfk_init");
	return !init || tap(init(0, 0, 0, 0, 0, 0) == 0, "%s: elfk_init()", name);
}

static void plugin_unload(struct plugin *p)
{
	const struct elfk_dynamic *dyn = &p->elf.dyn;
	fn6 exit_fn = func(p, "elfk_exit");

	if (exit_fn)
		exit_fn(0, 0, 0, 0, 0, 0);
	if (ELFK_HAS(dyn, FINI_ARRAY))
		run_array(p, dyn->fini_array, dyn->fini_arraysz, true);
	if (ELFK_HAS(dyn, FINI))
		((void (*)(void))elfk_elf_ptr(&p->elf, dyn->fini))();
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
