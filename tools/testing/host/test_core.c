// SPDX-License-Identifier: GPL-2.0
/*
 * Host tests of the core against the hand-built fixture: every defect row,
 * the values of every relocation, lookups through both hash tables, the
 * permission map, and finally running the fixture's code.  Then the same
 * for the thread-local and IFUNC variants of the hand-built ET_REL fixture.
 */
#include <pthread.h>
#include <string.h>
#include <sys/mman.h>

#include "host_util.h"
#include "tap.h"
#include "../../../kunit/rel_fixture.h"

void *host_alloc(u64 size, u64 align)
{
	u64 total = size + align;
	u8 *raw, *p;

	raw = mmap(NULL, total, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (raw == MAP_FAILED)
		return NULL;
	p = (u8 *)(((uintptr_t)raw + align - 1) & ~(uintptr_t)(align - 1));
	/* Trim the slack so host_free() can unmap exactly [p, p + size). */
	if (p > raw)
		munmap(raw, p - raw);
	if (raw + total > p + size)
		munmap(p + size, raw + total - (p + size));
	return p;
}

void host_free(void *p, u64 size)
{
	if (p)
		munmap(p, size);
}

static int prot_cb(void *ctx, u64 off, u64 len, u32 prot)
{
	struct elfk_elf *elf = ctx;
	int p = PROT_READ;

	if (prot & ELFK_PROT_W)
		p |= PROT_WRITE;
	if (prot & ELFK_PROT_X)
		p |= PROT_EXEC;
	return mprotect(elf->base + off, len, p) ? -errno : 0;
}

static int run_prot_cb(void *ctx, u64 off, u64 len, u32 prot)
{
	struct elfk_fixture_run *run = ctx;

	return prot_cb(run->elf, off, len, prot);
}

/*
 * A whole load, as elfk_object_load() runs it: W^X through mprotect(),
 * every branch target checked, the IFUNC pass between RELRO-writable and
 * final permissions.  The test may change the environment before
 * elfk_image_load().
 */
void host_env(struct elfk_fixture_run *run, struct elfk_elf *elf,
	      void *(*alloc)(u64 size, u64 align), u8 **mem,
	      const struct elfk_resolver *res, struct elfk_log *log)
{
	elfk_fixture_env(run, elf, alloc, mem, res, log);
	run->env.stop_after = ELFK_LOAD_ALL;
	run->env.protect = run_prot_cb;
	run->env.check_branch_targets = true;
	run->env.check_ifunc_targets = true;
}

int host_load(struct elfk_elf *elf, const void *image, u64 size, u8 **mem,
	      const struct elfk_resolver *res, struct elfk_log *log)
{
	struct elfk_fixture_run run;

	host_env(&run, elf, host_alloc, mem, res, log);
	return elfk_image_load(elf, image, size, &run.env);
}

/*
 * A one-module stand-in for elfk's __tls_get_addr(): each host thread gets
 * its own copy of the fixture's TLS template on first touch.
 */
static const u8 *host_tls_image;
static u64 host_tls_filesz, host_tls_memsz;
static __thread u8 *host_tls_block;
static __thread int host_tls_blocks_made;

static void *host_tls_get_addr(const struct host_tls_index *ti)
{
	if (ti->module != ELFK_FIX_TLS_MODID)
		return NULL;
	if (!host_tls_block) {
		host_tls_block = calloc(1, host_tls_memsz);
		memcpy(host_tls_block, host_tls_image, host_tls_filesz);
		host_tls_blocks_made++;
	}
	return host_tls_block + ti->offset;
}

static int fixture_lookup(void *ctx, const char *name, u64 *value)
{
	if (!strcmp(name, "__tls_get_addr")) {
		*value = (u64)(uintptr_t)host_tls_get_addr;
		return 0;
	}
	if (strcmp(name, "memcpy"))
		return -ENOENT;
	*value = HOST_MEMCPY_ADDR;
	return 0;
}

static const struct elfk_resolver fixture_resolver = { fixture_lookup, NULL };

void test_log(void)
{
	char buf[16];
	struct elfk_log log;

	elfk_log_init(&log, buf, sizeof(buf), ELFK_LOG_LEVEL_ERROR);
	elfk_log_err(&log, "abc");
	tap(!strcmp(buf, "abc\n") && elfk_log_true_size(&log) == 5 &&
	    !elfk_log_truncated(&log), "log: a short message fits");
	elfk_log_err(&log, "0123456789abcdef");
	tap(strlen(buf) == 15 && elfk_log_truncated(&log) &&
	    elfk_log_true_size(&log) == 22,
	    "log: overflow truncates, stays NUL-terminated, counts the true size (%u)",
	    elfk_log_true_size(&log));
	elfk_log_init(&log, buf, sizeof(buf), ELFK_LOG_LEVEL_ERROR);
	elfk_log_verbose(&log, "hidden");
	tap(buf[0] == '\0' && elfk_log_true_size(&log) == 1,
	    "log: verbose lines are dropped at the error level");
	elfk_log_init(&log, NULL, 0, ELFK_LOG_LEVEL_VERBOSE);
	elfk_log_err(&log, "nowhere");
	tap(!elfk_log_truncated(&log) && elfk_log_true_size(&log) == 0,
	    "log: no buffer means no log and no truncation");
}

void test_hash(void)
{
	/* The GNU hash is djb2 (h * 33 + c, h0 = 5381); SysV per the gABI. */
	tap(elfk_gnu_hash("") == 5381 && elfk_gnu_hash("a") == 5381 * 33 + 'a',
	    "hash: GNU hash of \"\" and \"a\"");
	tap(elfk_sysv_hash("") == 0 && elfk_sysv_hash("a") == 'a' &&
	    elfk_sysv_hash("ab") == ('a' << 4) + 'b',
	    "hash: SysV hash of short names");
	/* Past 7 characters the high nibble folds back in. */
	tap(elfk_sysv_hash("abcdefghij") < 0x10000000,
	    "hash: SysV hash keeps the top nibble clear");
}

void test_fixture_cases(void)
{
	static struct elfk_fixture f;
	struct elfk_elf elf;
	struct elfk_log log;
	char buf[512];
	unsigned int i;
	u8 *mem;
	int err;

	for (i = 0; i < elfk_fixture_nr_cases; i++) {
		const struct elfk_fixture_case *c = &elfk_fixture_cases[i];

		elfk_fixture_build(&f);
		c->mutate(&f);
		elfk_log_init(&log, buf, sizeof(buf), ELFK_LOG_LEVEL_ERROR);
		err = elfk_fixture_run_core(&elf, f.buf, f.size, host_alloc,
					    &mem, &fixture_resolver, &log);
		if (!tap(err == c->err && strstr(buf, c->msg),
			 "fixture %s: errno %d, message contains \"%s\"",
			 c->name, c->err, c->msg))
			tap_diag("got errno %d, log: %s", err, buf);
		host_free(mem, elf.vsize);
	}
}

static const u64 *slot(const struct elfk_elf *elf, unsigned int i)
{
	return (const u64 *)(elf->base + ELFK_FIX_DATA + 8 * i);
}

struct prot_walk {
	u64 next;
	bool contiguous;
	u32 text_prot;
	u32 relro_prot;
	u32 bss_prot;
};

static int walk_cb(void *ctx, u64 off, u64 len, u32 prot)
{
	struct prot_walk *w = ctx;

	if (off != w->next)
		w->contiguous = false;
	w->next = off + len;
	if (off <= ELFK_FIX_TEXT && ELFK_FIX_TEXT < off + len)
		w->text_prot = prot;
	if (off <= ELFK_FIX_DATA && ELFK_FIX_DATA < off + len)
		w->relro_prot = prot;
	if (off <= 0x3000 && 0x3000 < off + len)
		w->bss_prot = prot;
	return 0;
}

void test_fixture_valid(void)
{
	static struct elfk_fixture f;
	struct prot_walk w = { .contiguous = true };
	struct elfk_elf elf;
	struct elfk_log log;
	const Elf64_Sym *s;
	char buf[512];
	u64 base;
	u8 *mem;
	int err;

	elfk_fixture_build(&f);
	elfk_log_init(&log, buf, sizeof(buf), ELFK_LOG_LEVEL_VERBOSE);
	err = elfk_fixture_run_core(&elf, f.buf, f.size, host_alloc, &mem,
				    &fixture_resolver, &log);
	if (!tap(!err, "valid fixture: loads (%d)", err)) {
		tap_diag("%s", buf);
		return;
	}
	base = (u64)(uintptr_t)elf.base;
	tap(elf.vsize == 0x4000 && elf.nr_syms == ELFK_FIX_NSYMS &&
	    elf.nr_segs == 3 && elf.nr_relocs == 5,
	    "valid fixture: span 0x%llx, %u symbols, %u segments, %u relocations",
	    (unsigned long long)elf.vsize, elf.nr_syms, elf.nr_segs,
	    elf.nr_relocs);
	tap(*slot(&elf, 0) == base + ELFK_FIX_TEXT, "R_X86_64_RELATIVE: B + A");
	tap(*slot(&elf, 1) == HOST_MEMCPY_ADDR + ELFK_FIX_EXT_ADDEND,
	    "R_X86_64_64: S + A against the resolver");
	tap(*slot(&elf, 2) == base + ELFK_FIX_DATA_OBJ,
	    "R_X86_64_GLOB_DAT: a symbol the object defines binds locally");
	tap(*slot(&elf, 3) == base + ELFK_FIX_TEXT, "R_X86_64_JUMP_SLOT");
	tap(*(const u64 *)(elf.base + ELFK_FIX_INIT_ARRAY) ==
	    base + ELFK_FIX_CTOR, "init array entry relocated");
	tap(elf.soname && !strcmp(elf.soname, "libfixture.so"), "DT_SONAME");

	s = elfk_elf_lookup(&elf, "ret42");
	tap(s && s->st_value == ELFK_FIX_TEXT, "lookup (GNU hash): ret42");
	s = elfk_elf_lookup(&elf, "data_obj");
	tap(s && s->st_value == ELFK_FIX_DATA_OBJ, "lookup (GNU hash): data_obj");
	tap(!elfk_elf_lookup(&elf, "memcpy") && !elfk_elf_lookup(&elf, "nope") &&
	    !elfk_elf_lookup(&elf, ""),
	    "lookup: undefined and unknown names are not found");
	elf.has_gnu = false;
	s = elfk_elf_lookup(&elf, "ret42");
	tap(s && s->st_value == ELFK_FIX_TEXT && elfk_elf_lookup(&elf, "data_obj") &&
	    !elfk_elf_lookup(&elf, "memcpy"), "lookup (SysV hash)");
	elf.has_gnu = true;

	elfk_elf_walk_prot(&elf, walk_cb, &w);
	tap(w.contiguous && w.next == elf.vsize,
	    "permissions: ranges cover the region without gaps");
	tap(w.text_prot == (ELFK_PROT_R | ELFK_PROT_X) &&
	    w.relro_prot == ELFK_PROT_R &&
	    w.bss_prot == (ELFK_PROT_R | ELFK_PROT_W),
	    "permissions: text RX, RELRO R, bss RW (got %u %u %u)",
	    w.text_prot, w.relro_prot, w.bss_prot);
	host_free(mem, elf.vsize);
}

static long (*tls_inc)(void);

static void *tls_thread(void *arg)
{
	long v = tls_inc();

	free(host_tls_block);
	return (void *)v;
}

void test_fixture_tls(void)
{
	void *other;
	pthread_t t;
	static struct elfk_fixture f;
	struct elfk_elf elf;
	struct elfk_log log;
	char buf[512];
	u8 *mem;
	int err;

	elfk_fixture_build(&f);
	elfk_fixture_add_tls(&f);
	elfk_log_init(&log, buf, sizeof(buf), ELFK_LOG_LEVEL_ERROR);
	err = host_load(&elf, f.buf, f.size, &mem, &fixture_resolver, &log);
	if (!tap(!err, "tls fixture: loads (%d)", err)) {
		tap_diag("%s", buf);
		return;
	}
	tap(elf.has_tls && elf.tls.vaddr == ELFK_FIX_DATA_OBJ &&
	    elf.tls.filesz == 8 && elf.tls.memsz == 32 && elf.tls.align == 8,
	    "PT_TLS: template, size and alignment");
	tap(*slot(&elf, 0) == ELFK_FIX_TLS_MODID,
	    "R_X86_64_DTPMOD64: the object's module id");
	tap(*slot(&elf, 1) == 0, "R_X86_64_DTPOFF64: offset in the block");
	tap(*slot(&elf, 2) == (u64)(uintptr_t)host_tls_get_addr,
	    "GLOB_DAT: __tls_get_addr");
	/* elfk_image_load() protected it: the code can run. */
	if (!tap(elf.base && !err, "tls fixture: protected"))
		goto out;
	host_tls_image = elf.base + elf.tls.vaddr - elf.vbase;
	host_tls_filesz = elf.tls.filesz;
	host_tls_memsz = elf.tls.memsz;
	tls_inc = (long (*)(void))(elf.base + ELFK_FIX_TLS_INC);
	tap(tls_inc() == ELFK_FIX_TLS_INIT + 1 && tls_inc() == ELFK_FIX_TLS_INIT + 2,
	    "tls_inc(): general-dynamic access starts from the template");
	pthread_create(&t, NULL, tls_thread, NULL);
	pthread_join(t, &other);
	tap((long)other == ELFK_FIX_TLS_INIT + 1 && tls_inc() == ELFK_FIX_TLS_INIT + 3,
	    "tls_inc(): another thread gets its own block");
	free(host_tls_block);
	host_tls_block = NULL;
out:
	host_free(mem, elf.vsize);
}

/*
 * Issue 11, defect 10: an object with no PT_TLS of its own whose only TLS
 * use is a dependency's variable, as "extern __thread long data_obj" in a
 * -fPIC object gives.  glibc loads it; the module id is the dependency's.
 * The dependency is the TLS fixture; the user is the same fixture with
 * PT_TLS removed and data_obj undefined, bound through a resolver shaped
 * like the kernel's resolve_cb().
 */
static struct elfk_elf *dep_tls_dep;

static int dep_tls_lookup(void *ctx, const char *name, const char *version,
			  const char *file, u8 type,
			  struct elfk_sym_result *res)
{
	const Elf64_Sym *sym;

	if (type != STT_TLS)
		return fixture_lookup(ctx, name, &res->value);
	sym = elfk_elf_lookup_version(dep_tls_dep, name, version);
	if (!sym || ELF64_ST_TYPE(sym->st_info) != STT_TLS)
		return -ENOENT;
	if (!elfk_elf_tls_sym_fits(dep_tls_dep, sym))
		return -ENOEXEC;
	res->value = sym->st_value;
	res->tls_modid = dep_tls_dep->tls_modid;
	return 0;
}

void test_dep_tls(void)
{
	const struct elfk_resolver res = { .lookup_version = dep_tls_lookup };
	static struct elfk_fixture df, uf;
	struct elfk_elf dep, user;
	struct elfk_log log;
	char buf[512];
	u8 *dmem, *umem = NULL;
	long (*dep_inc)(void);
	int err;

	elfk_fixture_build(&df);
	elfk_fixture_add_tls(&df);
	elfk_log_init(&log, buf, sizeof(buf), ELFK_LOG_LEVEL_ERROR);
	err = host_load(&dep, df.buf, df.size, &dmem, &fixture_resolver, &log);
	if (!tap(!err, "dependency tls: the defining object loads (%d)", err)) {
		tap_diag("%s", buf);
		goto out;
	}
	dep_tls_dep = &dep;

	elfk_fixture_build(&uf);
	elfk_fixture_add_tls(&uf);
	uf.ph[5].p_type = PT_NULL;
	uf.sym[ELFK_FIX_SYM_DATA].st_shndx = SHN_UNDEF;
	uf.rela[0].r_info = ((u64)ELFK_FIX_SYM_DATA << 32) | R_X86_64_DTPMOD64;
	elfk_log_init(&log, buf, sizeof(buf), ELFK_LOG_LEVEL_ERROR);
	err = host_load(&user, uf.buf, uf.size, &umem, &res, &log);
	if (!tap(!err && !user.has_tls,
		 "dependency tls: an object without PT_TLS using the dependency's variable loads (%d)",
		 err)) {
		tap_diag("%s", buf);
		goto out;
	}
	tap(*slot(&user, 0) == ELFK_FIX_TLS_MODID && *slot(&user, 1) == 0,
	    "dependency tls: DTPMOD64 is the dependency's module id, DTPOFF64 its offset (%llu, %llu)",
	    (unsigned long long)*slot(&user, 0),
	    (unsigned long long)*slot(&user, 1));
	host_tls_image = dep.base + dep.tls.vaddr - dep.vbase;
	host_tls_filesz = dep.tls.filesz;
	host_tls_memsz = dep.tls.memsz;
	tls_inc = (long (*)(void))(user.base + ELFK_FIX_TLS_INC);
	dep_inc = (long (*)(void))(dep.base + ELFK_FIX_TLS_INC);
	tap(tls_inc() == ELFK_FIX_TLS_INIT + 1 && dep_inc() == ELFK_FIX_TLS_INIT + 2 &&
	    tls_inc() == ELFK_FIX_TLS_INIT + 3,
	    "dependency tls: both objects' code reaches the one block of the dependency");
	free(host_tls_block);
	host_tls_block = NULL;

	/* The user's weak reference, unbound, has no block to name. */
	host_free(umem, user.vsize);
	umem = NULL;
	uf.sym[ELFK_FIX_SYM_DATA].st_info = (STB_WEAK << 4) | STT_TLS;
	elfk_log_init(&log, buf, sizeof(buf), ELFK_LOG_LEVEL_ERROR);
	memcpy(uf.str + 14, "nosuch__", 8);
	err = elfk_fixture_run_core(&user, uf.buf, uf.size, host_alloc, &umem,
				    &res, &log);
	tap(err == -ENOEXEC && strstr(buf, "R_X86_64_DTPMOD64 needs a PT_TLS segment"),
	    "dependency tls: an unbound weak TLS reference without PT_TLS is still refused (%d)",
	    err);
out:
	if (umem)
		host_free(umem, user.vsize);
	host_free(dmem, dep.vsize);
}

struct ifunc_before {
	bool relocated;
	bool unwritten;
};

/* Relocated, the IFUNC pass still to run: its slots must be empty. */
static int fixture_ifunc_before(void *ctx, enum elfk_load_step done,
				struct elfk_elf *elf)
{
	struct elfk_fixture_run *run = ctx;
	struct ifunc_before *b = run->priv;

	if (done == ELFK_LOAD_RELOCATED) {
		b->relocated = true;
		b->unwritten = *slot(elf, 0) == 0 && *slot(elf, 3) == 0;
	}
	return 0;
}

void test_fixture_ifunc(void)
{
	struct ifunc_before before = { 0 };
	struct elfk_fixture_run run;
	static struct elfk_fixture f;
	struct elfk_elf elf;
	struct elfk_log log;
	char buf[512];
	u8 *mem;
	int err;

	elfk_fixture_build(&f);
	elfk_fixture_add_ifunc(&f);
	elfk_log_init(&log, buf, sizeof(buf), ELFK_LOG_LEVEL_ERROR);
	host_env(&run, &elf, host_alloc, &mem, &fixture_resolver, &log);
	run.env.observe = fixture_ifunc_before;
	run.priv = &before;
	err = elfk_image_load(&elf, f.buf, f.size, &run.env);
	if (!tap(before.relocated && elf.nr_ifunc_relocs == 2,
		 "ifunc fixture: 2 IFUNC relocations deferred (%u)",
		 elf.nr_ifunc_relocs)) {
		tap_diag("errno %d: %s", err, buf);
		goto out;
	}
	tap(before.unwritten,
	    "IFUNC relocations are not written before the IFUNC pass");
	tap(!err && *slot(&elf, 0) == 42 && *slot(&elf, 3) == 42,
	    "R_X86_64_IRELATIVE and JUMP_SLOT against an IFUNC get the resolver's result");
	host_free(mem, elf.vsize);

	/* Only the IFUNC pass checks it: the first relocation naming it. */
	elfk_fixture_build(&f);
	elfk_fixture_add_ifunc(&f);
	memset(f.buf + ELFK_FIX_TEXT, 0x90, 4);
	elfk_log_init(&log, buf, sizeof(buf), ELFK_LOG_LEVEL_ERROR);
	host_env(&run, &elf, host_alloc, &mem, &fixture_resolver, &log);
	run.env.check_branch_targets = false;
	err = elfk_image_load(&elf, f.buf, f.size, &run.env);
	if (!tap(err == -EOPNOTSUPP &&
		 strstr(buf, "DT_RELA[0]: IFUNC resolver at 0x1000 does not start with ENDBR64"),
		 "ifunc fixture: under IBT the IFUNC pass refuses a resolver without ENDBR64"))
		tap_diag("errno %d, log: %s", err, buf);
out:
	host_free(mem, elf.vsize);
}

/* The IBT check is pure code inspection: testable on any CPU. */
void test_branch_targets(void)
{
	static const struct {
		const char *name;
		u64 smash;
		const char *msg;
		bool ifunc;
	} rows[] = {
		{ "all entry points have ENDBR64", 0, NULL },
		{ "init array target without ENDBR64", ELFK_FIX_CTOR,
		  "DT_INIT_ARRAY entry at 0x1010 does not start with ENDBR64" },
		{ "exported function without ENDBR64", ELFK_FIX_TEXT,
		  "function 'ret42' at 0x1000 does not start with ENDBR64" },
		/*
		 * Issue 11, defect 2: a dependent's load calls an exported
		 * IFUNC's resolver; it is checked at its own object's load.
		 */
		{ "exported IFUNC resolver without ENDBR64", ELFK_FIX_TEXT,
		  "IFUNC resolver 'ret42' at 0x1000 does not start with ENDBR64",
		  true },
	};
	struct elfk_fixture_run run;
	static struct elfk_fixture f;
	struct elfk_elf elf;
	struct elfk_log log;
	char buf[512];
	unsigned int i;
	u8 *mem;
	int err;

	for (i = 0; i < ARRAY_SIZE(rows); i++) {
		elfk_fixture_build(&f);
		if (rows[i].smash)
			memset(f.buf + rows[i].smash, 0x90, 4);
		if (rows[i].ifunc)
			f.sym[ELFK_FIX_SYM_RET42].st_info =
				(STB_GLOBAL << 4) | STT_GNU_IFUNC;
		elfk_log_init(&log, buf, sizeof(buf), ELFK_LOG_LEVEL_ERROR);
		elfk_fixture_env(&run, &elf, host_alloc, &mem, &fixture_resolver,
				 &log);
		run.env.check_branch_targets = true;
		err = elfk_image_load(&elf, f.buf, f.size, &run.env);
		if (!tap(rows[i].msg ? err == -EOPNOTSUPP && strstr(buf, rows[i].msg) : !err,
			 "branch targets: %s", rows[i].name))
			tap_diag("errno %d, log: %s", err, buf);
		host_free(mem, elf.vsize);
	}
}

void test_fixture_exec(void)
{
	static struct elfk_fixture f;
	struct elfk_elf elf;
	struct elfk_log log;
	int (*fn)(void);
	char buf[512];
	u8 *mem;
	int err;

	elfk_fixture_build(&f);
	elfk_log_init(&log, buf, sizeof(buf), ELFK_LOG_LEVEL_ERROR);
	err = host_load(&elf, f.buf, f.size, &mem, &fixture_resolver, &log);
	if (!tap(!err, "exec: fixture placed and protected"))
		return;
	fn = (int (*)(void))(elf.base + ELFK_FIX_TEXT);
	tap(fn() == 42, "exec: ret42() returns 42 from the placed text");
	fn = (int (*)(void))*slot(&elf, 3);
	tap(fn() == 42, "exec: ret42() through the relocated JUMP_SLOT");
	host_free(mem, elf.vsize);
}

/* ---- ET_REL thread-local storage --------------------------------------- */

/*
 * __tls_get_addr() for the ET_REL TLS fixture alone: one block per host
 * thread, made from the template on first use and aligned as the block
 * asks.  An index with another module id or an offset outside the block is
 * counted, not followed, so a wrong GOT pair fails a check, not the run.
 */
static const u8 *rel_tls_image;
static u64 rel_tls_filesz, rel_tls_memsz;
static __thread u8 *rel_tls_block;
static unsigned int rel_tls_bad;
static u64 rel_tls_scratch[ELFK_RELTLS_MEMSZ / 8];

static void *rel_tls_get_addr(const struct host_tls_index *ti)
{
	if (ti->module != ELFK_RELTLS_MODID || ti->offset >= rel_tls_memsz) {
		__atomic_add_fetch(&rel_tls_bad, 1, __ATOMIC_RELAXED);
		return rel_tls_scratch;
	}
	if (!rel_tls_block) {
		/* Not aligned_alloc(): a wrong memsz must fail a check, not this. */
		if (posix_memalign((void **)&rel_tls_block, ELFK_RELTLS_ALIGN,
				   rel_tls_memsz))
			abort();
		memset(rel_tls_block, 0, rel_tls_memsz);
		memcpy(rel_tls_block, rel_tls_image, rel_tls_filesz);
	}
	return rel_tls_block + ti->offset;
}

static int rel_tls_lookup(void *ctx, const char *name, u64 *value)
{
	if (strcmp(name, "__tls_get_addr"))
		return -ENOENT;
	*value = (u64)(uintptr_t)rel_tls_get_addr;
	return 0;
}

static const struct elfk_resolver rel_tls_resolver = { rel_tls_lookup, NULL };

/* The template, and a block once the code below has run, word by word. */
static const u64 rel_tls_tdata[] = {
	ELFK_RELTLS_HEAD, ELFK_RELTLS_GD_INIT, ELFK_RELTLS_TAIL,
};

struct rel_tls_thread {
	long (*gd_inc)(void);
	long (*ld_add)(long n);
	const u8 *other;	/* the main thread's block */
	long gd, ld;
	bool separate;
	u64 block[ELFK_RELTLS_MEMSZ / 8];
};

static void *rel_tls_thread(void *arg)
{
	struct rel_tls_thread *t = arg;

	t->gd = t->gd_inc();
	t->ld = t->ld_add(7);
	t->separate = rel_tls_block && rel_tls_block != t->other;
	if (rel_tls_block)
		memcpy(t->block, rel_tls_block, sizeof(t->block));
	free(rel_tls_block);
	return NULL;
}

/* Run the placed fixture in this thread and another; @elf is protected. */
static void rel_tls_run(struct elfk_elf *elf, const struct elfk_rel_tls_view *v)
{
	/* Words 1 and 5 are tls_gd_var (+8) and tls_ld_var (+40). */
	const u64 main_want[] = { ELFK_RELTLS_HEAD, ELFK_RELTLS_GD_INIT + 3,
				  ELFK_RELTLS_TAIL, 0, 0, 5 + 3 + 1, 0, 0 };
	const u64 thread_want[] = { ELFK_RELTLS_HEAD, ELFK_RELTLS_GD_INIT + 1,
				    ELFK_RELTLS_TAIL, 0, 0, 7, 0, 0 };
	struct rel_tls_thread t = { 0 };
	long gd1, gd2, ld1, ld2, gd3, ld3;
	pthread_t th;

	rel_tls_image = v->tmpl;
	rel_tls_filesz = elf->tls.filesz;
	rel_tls_memsz = elf->tls.memsz;
	rel_tls_bad = 0;
	t.gd_inc = (long (*)(void))elfk_elf_ptr(elf,
		elfk_elf_lookup(elf, "tls_gd_inc")->st_value);
	t.ld_add = (long (*)(long))elfk_elf_ptr(elf,
		elfk_elf_lookup(elf, "tls_ld_add")->st_value);

	gd1 = t.gd_inc();
	gd2 = t.gd_inc();
	tap(gd1 == ELFK_RELTLS_GD_INIT + 1 && gd2 == ELFK_RELTLS_GD_INIT + 2,
	    "rel tls: tls_gd_inc() = %d, %d (general-dynamic, from the template)",
	    ELFK_RELTLS_GD_INIT + 1, ELFK_RELTLS_GD_INIT + 2);
	ld1 = t.ld_add(5);
	ld2 = t.ld_add(3);
	tap(ld1 == 5 && ld2 == 8,
	    "rel tls: tls_ld_add(5), (3) = 5, 8 (local-dynamic, .tbss starts zeroed)");

	t.other = rel_tls_block;
	pthread_create(&th, NULL, rel_tls_thread, &t);
	pthread_join(th, NULL);
	gd3 = t.gd_inc();
	ld3 = t.ld_add(1);
	tap(t.separate && t.gd == ELFK_RELTLS_GD_INIT + 1 && t.ld == 7 &&
	    gd3 == ELFK_RELTLS_GD_INIT + 3 && ld3 == 9,
	    "rel tls: another thread gets its own block (%ld, %ld there; %ld, %ld here)",
	    t.gd, t.ld, gd3, ld3);
	tap(rel_tls_block && !memcmp(rel_tls_block, main_want, sizeof(main_want)) &&
	    !memcmp(t.block, thread_want, sizeof(thread_want)),
	    "rel tls: each block holds exactly what its thread wrote, at offsets %d and %d",
	    ELFK_RELTLS_GD_OFF, ELFK_RELTLS_LD_OFF);
	tap(!memcmp(v->tmpl, rel_tls_tdata, sizeof(rel_tls_tdata)) && !rel_tls_bad,
	    "rel tls: the template is untouched, every tls_index was valid (%u bad)",
	    rel_tls_bad);
	free(rel_tls_block);
	rel_tls_block = NULL;
}

void test_rel_tls(void)
{
	struct elfk_fixture_run run;
	static struct elfk_rel_fixture f;
	struct elfk_rel_tls_view v;
	const Elf64_Sym *s;
	struct elfk_elf elf;
	struct elfk_log log;
	char buf[512];
	u64 tga = (u64)(uintptr_t)rel_tls_get_addr;
	bool layout_ok;
	u8 *mem;
	int err;

	elfk_rel_fixture_build_tls(&f);
	elfk_log_init(&log, buf, sizeof(buf), ELFK_LOG_LEVEL_ERROR);
	host_env(&run, &elf, host_alloc, &mem, &rel_tls_resolver, &log);
	run.env.tls_modid = ELFK_RELTLS_MODID;
	err = elfk_image_load(&elf, f.buf, f.size, &run.env) ?:
	      elfk_rel_fixture_tls_view(&elf, &v);
	if (!tap(!err, "rel tls fixture: loads with module id %d (%d)",
		 ELFK_RELTLS_MODID, err)) {
		tap_diag("%s", buf);
		goto out;
	}
	layout_ok = tap(elf.has_tls && elf.tls.filesz == ELFK_RELTLS_FILESZ &&
			elf.tls.memsz == ELFK_RELTLS_MEMSZ &&
			elf.tls.align == ELFK_RELTLS_ALIGN &&
			elf.tls.vaddr % ELFK_RELTLS_ALIGN == 0,
			"rel tls: block of 0x%x bytes (0x%x initialised), aligned to %d (got 0x%llx, 0x%llx, %llu)",
			ELFK_RELTLS_MEMSZ, ELFK_RELTLS_FILESZ, ELFK_RELTLS_ALIGN,
			(unsigned long long)elf.tls.memsz,
			(unsigned long long)elf.tls.filesz,
			(unsigned long long)elf.tls.align);
	tap(v.tmpl && v.tmpl_prot == ELFK_PROT_R &&
	    !memcmp(v.tmpl, rel_tls_tdata, sizeof(rel_tls_tdata)),
	    "rel tls: the template is .tdata, in the read-only run");
	tap(v.gd_pair && v.gd_pair_prot == ELFK_PROT_R &&
	    v.gd_pair[0] == ELFK_RELTLS_MODID && v.gd_pair[1] == ELFK_RELTLS_GD_OFF,
	    "R_X86_64_TLSGD: the lea addresses a read-only pair (%d, %d)",
	    ELFK_RELTLS_MODID, ELFK_RELTLS_GD_OFF);
	tap(v.ld_pair && v.ld_pair_prot == ELFK_PROT_R && v.ld_pair != v.gd_pair &&
	    v.ld_pair[0] == ELFK_RELTLS_MODID && v.ld_pair[1] == 0,
	    "R_X86_64_TLSLD: the lea addresses the object's own pair (%d, 0)",
	    ELFK_RELTLS_MODID);
	tap(v.dtpoff == ELFK_RELTLS_LD_OFF,
	    "R_X86_64_DTPOFF32: tls_ld_var's offset in the block, %d (got %d)",
	    ELFK_RELTLS_LD_OFF, v.dtpoff);
	tap(v.gd_call == v.ld_call &&
	    (v.gd_call == tga || v.gd_call_prot == (ELFK_PROT_R | ELFK_PROT_X)),
	    "R_X86_64_PLT32: both calls reach __tls_get_addr (%s)",
	    v.gd_call == tga ? "directly" : "through a PLT stub");
	s = elfk_elf_lookup(&elf, "tls_gd_var");
	tap(s && ELF64_ST_TYPE(s->st_info) == STT_TLS &&
	    s->st_value == ELFK_RELTLS_GD_OFF && !elfk_elf_lookup(&elf, "tls_ld_var"),
	    "rel tls: tls_gd_var is exported at block offset %d, tls_ld_var is local",
	    ELFK_RELTLS_GD_OFF);
	/* The stand-in's blocks are sized from the layout: only run a right one. */
	/* elfk_image_load() protected it: the code can run. */
	if (tap(elf.base && !err, "rel tls fixture: protected") && layout_ok)
		rel_tls_run(&elf, &v);
out:
	host_free(mem, elf.vsize);
	elfk_elf_release(&elf);

	/* Another module id and a DTPOFF32 addend: both are the caller's. */
	elfk_rel_fixture_build_tls(&f);
	f.rela_text[ELFK_RELTLS_R_DTPOFF].r_addend = -8;
	elfk_log_init(&log, buf, sizeof(buf), ELFK_LOG_LEVEL_ERROR);
	err = elfk_rel_fixture_run_core_tls(&elf, f.buf, f.size, host_alloc,
					    &mem, 0x5a5a, &rel_tls_resolver,
					    &log) ?:
	      elfk_rel_fixture_tls_view(&elf, &v);
	tap(!err && v.gd_pair && v.ld_pair && v.gd_pair[0] == 0x5a5a &&
	    v.ld_pair[0] == 0x5a5a && v.dtpoff == ELFK_RELTLS_LD_OFF - 8,
	    "rel tls: pairs hold the caller's module id 0x5a5a, DTPOFF32 adds its addend (%d)",
	    v.dtpoff);
	host_free(mem, elf.vsize);
	elfk_elf_release(&elf);
}

/* ---- ET_REL STT_GNU_IFUNC ---------------------------------------------- */

static int prot_of_cb(void *ctx, u64 off, u64 len, u32 prot)
{
	u64 *at = ctx;

	if (at[0] >= off && at[0] - off < len)
		at[1] = prot;
	return 0;
}

/* The permission elfk's walk gives the page holding @p (~0U: none). */
static u32 walk_prot_at(const struct elfk_elf *elf, const void *p, bool relro_rw)
{
	u64 at[2] = { (u64)((const u8 *)p - elf->base), ~0ULL };

	if (relro_rw)
		elfk_elf_walk_prot_relro_rw(elf, prot_of_cb, at);
	else
		elfk_elf_walk_prot(elf, prot_of_cb, at);
	return (u32)at[1];
}

static const u8 rel_endbr64[] = { 0xf3, 0x0f, 0x1e, 0xfa };

typedef long (*rel_ifunc_fn)(void);

static void *rel_fn(const struct elfk_elf *elf, const char *name)
{
	return elfk_elf_ptr(elf, elfk_elf_lookup(elf, name)->st_value);
}

/*
 * The IFUNC variant relocated, before its IFUNC pass: every use of pick
 * is its PLT stub, the stub's own slot is still empty and the resolver
 * has not run.  Where things are was worked out by hand from the layout
 * (rel_fixture.h): .text at 0, the stub right after it, the GOT in a page
 * of its own.
 */
static bool rel_ifunc_before(const struct elfk_elf *elf,
			     const struct elfk_rel_ifunc_view *v)
{
	u64 base = (u64)(uintptr_t)elf->base;
	u64 stub = base + ELFK_RELIFN_TEXT_SIZE;
	u64 got_off = v->got ? (u64)((const u8 *)v->got - elf->base) : 0;
	bool ok;

	ok = tap(v->call == stub && v->call_prot == (ELFK_PROT_R | ELFK_PROT_X) &&
		 !memcmp((const void *)(uintptr_t)v->call, rel_endbr64,
			 sizeof(rel_endbr64)),
		 "rel ifunc: call pick goes to a PLT stub right after .text, ENDBR64 first (+0x%llx)",
		 (unsigned long long)(v->call - base));
	ok &= tap(v->pick_ptr && *v->pick_ptr == stub && v->got && *v->got == stub,
		  "rel ifunc: R_X86_64_64 and the GOTPCRELX slot hold the same stub (&pick is one value)");
	ok &= tap(v->got && v->stub_slot == v->got + 1 && *v->stub_slot == 0,
		  "rel ifunc: the stub jumps through the next GOT slot, empty before the IFUNC pass");
	ok &= tap(v->got && elf->relro_start && got_off >= elf->relro_start &&
		  got_off + 16 <= elf->relro_end &&
		  elf->relro_end - elf->relro_start == PAGE_SIZE &&
		  v->got_prot == (ELFK_PROT_R | ELFK_PROT_W) &&
		  walk_prot_at(elf, v->got, true) == (ELFK_PROT_R | ELFK_PROT_W) &&
		  walk_prot_at(elf, v->got, false) == ELFK_PROT_R,
		  "rel ifunc: the GOT is a RELRO page of its own, writable only for the IFUNC pass");
	ok &= tap(v->count && *v->count == 0 &&
		  v->count_prot == (ELFK_PROT_R | ELFK_PROT_W) &&
		  v->resolver == base + ELFK_RELIFN_RESOLVE &&
		  v->impl == base + ELFK_RELIFN_IMPL,
		  "rel ifunc: the resolver has not run; it counts in .data and returns impl (PC32)");
	return ok;
}

/* The view of the ifunc fixture once relocated, before the IFUNC pass. */
static int rel_ifunc_view_at(void *ctx, enum elfk_load_step done,
			     struct elfk_elf *elf)
{
	struct elfk_fixture_run *run = ctx;

	if (done != ELFK_LOAD_RELOCATED)
		return 0;
	return elfk_rel_fixture_ifunc_view(elf, run->priv);
}

/*
 * resolve() with its ENDBR64 replaced by nops: refused when checked.  Only
 * the IFUNC pass checks here: the branch-target check after relocation
 * would refuse 'pick' (global) before the pass is reached.
 */
static void rel_ifunc_no_endbr(void)
{
	static struct elfk_rel_fixture f;
	struct elfk_fixture_run run;
	struct elfk_rel_ifunc_view v;
	struct elfk_elf elf;
	struct elfk_log log;
	char buf[512];
	u8 *mem;
	int err;

	elfk_rel_fixture_build_ifunc(&f);
	memset(f.text + ELFK_RELIFN_RESOLVE, 0x90, sizeof(rel_endbr64));
	elfk_log_init(&log, buf, sizeof(buf), ELFK_LOG_LEVEL_ERROR);
	memset(&v, 0, sizeof(v));
	host_env(&run, &elf, host_alloc, &mem, &fixture_resolver, &log);
	run.env.check_branch_targets = false;
	run.env.observe = rel_ifunc_view_at;
	run.priv = &v;
	err = elfk_image_load(&elf, f.buf, f.size, &run.env);
	if (!tap(v.count && v.stub_slot,
		 "rel ifunc: a resolver without ENDBR64 relocates (%d)", err)) {
		tap_diag("%s", buf);
		goto out;
	}
	if (!tap(err == -EOPNOTSUPP &&
		 strstr(buf, ELFK_RELIFN_NO_ENDBR) &&
		 v.count && *v.count == 0 && v.stub_slot && *v.stub_slot == 0,
		 "rel ifunc: under IBT the pass refuses it, uncalled"))
		tap_diag("errno %d, log: %s", err, buf);
	host_free(mem, elf.vsize);
	elfk_elf_release(&elf);

	/* Without the check it is only code: the nops run into the resolver. */
	elfk_log_init(&log, buf, sizeof(buf), ELFK_LOG_LEVEL_ERROR);
	memset(&v, 0, sizeof(v));
	host_env(&run, &elf, host_alloc, &mem, &fixture_resolver, &log);
	run.env.check_branch_targets = false;
	run.env.check_ifunc_targets = false;
	run.env.observe = rel_ifunc_view_at;
	run.priv = &v;
	err = elfk_image_load(&elf, f.buf, f.size, &run.env);
	tap(!err && v.count && *v.count == 1 && v.stub_slot &&
	    *v.stub_slot == (u64)(uintptr_t)elf.base + ELFK_RELIFN_IMPL,
	    "rel ifunc: without the IBT check the same resolver runs once (%d)", err);
out:
	host_free(mem, elf.vsize);
	elfk_elf_release(&elf);
}

struct rel_ifunc_run {
	struct elfk_rel_ifunc_view v;
	bool relocated;
	bool layout_ok;
};

/* Relocated: check the layout; only a right one goes on to the pass. */
static int rel_ifunc_check_before(void *ctx, enum elfk_load_step done,
				  struct elfk_elf *elf)
{
	struct elfk_fixture_run *run = ctx;
	struct rel_ifunc_run *r = run->priv;
	int err;

	if (done != ELFK_LOAD_RELOCATED)
		return 0;
	r->relocated = true;
	err = elfk_rel_fixture_ifunc_view(elf, &r->v);
	if (!tap(!err && elf->nr_ifunc_relocs == 1,
		 "rel ifunc fixture: relocates, one IFUNC symbol with a stub (%d, %u)",
		 err, elf->nr_ifunc_relocs))
		return err ?: -EINVAL;
	/* The pass calls the resolver: only run it from a layout known right. */
	r->layout_ok = rel_ifunc_before(elf, &r->v);
	return r->layout_ok ? 0 : -EINVAL;
}

void test_rel_ifunc_fixture(void)
{
	static struct elfk_rel_fixture f;
	struct rel_ifunc_run r = { 0 };
	struct elfk_rel_ifunc_view *vp = &r.v;
	struct elfk_fixture_run run;
	rel_ifunc_fn call_pick, addr_pick, via_ptr;
	struct elfk_elf elf;
	struct elfk_log log;
	long r1 = 0, r2 = 0;
	u64 base, stub;
	char buf[512];
	u8 *mem;
	int err;

	elfk_rel_fixture_build_ifunc(&f);
	elfk_log_init(&log, buf, sizeof(buf), ELFK_LOG_LEVEL_ERROR);
	host_env(&run, &elf, host_alloc, &mem, &fixture_resolver, &log);
	run.env.observe = rel_ifunc_check_before;
	run.priv = &r;
	err = elfk_image_load(&elf, f.buf, f.size, &run.env);
	if (!r.relocated)
		tap(false, "rel ifunc fixture: relocates, one IFUNC symbol with a stub (%d, %u)",
		    err, elf.nr_ifunc_relocs);
	if (!r.layout_ok) {
		tap_diag("%s", buf);
		goto out;
	}
	base = (u64)(uintptr_t)elf.base;
	stub = base + ELFK_RELIFN_TEXT_SIZE;

	if (!tap(!err && *vp->count == 1 && *vp->stub_slot == base + ELFK_RELIFN_IMPL,
		 "rel ifunc: the IFUNC pass ran the resolver once, impl is in the stub's slot")) {
		tap_diag("errno %d, log: %s", err, buf);
		goto out;
	}
	tap(*vp->got == stub && *vp->pick_ptr == stub,
	    "rel ifunc: the pass leaves &pick the stub");
	tap(walk_prot_at(&elf, vp->got, false) == ELFK_PROT_R &&
	    host_maps_prot(vp->got, NULL) == ELFK_PROT_R &&
	    host_maps_prot(vp->count, NULL) == (ELFK_PROT_R | ELFK_PROT_W) &&
	    host_maps_prot((const void *)(uintptr_t)stub, NULL) == (ELFK_PROT_R | ELFK_PROT_X),
	    "rel ifunc: the GOT page is read-only after the pass, .data writable, the stub executable");

	/* elfk_rel_fixture_ifunc_view() found both. */
	call_pick = (rel_ifunc_fn)rel_fn(&elf, "call_pick");
	addr_pick = (rel_ifunc_fn)rel_fn(&elf, "addr_pick");
	r1 = call_pick();
	r2 = call_pick();
	tap(r1 == ELFK_RELIFN_VALUE && r2 == ELFK_RELIFN_VALUE && *vp->count == 1,
	    "rel ifunc: call_pick() = %d through the stub, twice; the resolver ran once (%ld, %ld, %llu)",
	    ELFK_RELIFN_VALUE, r1, r2, (unsigned long long)*vp->count);
	via_ptr = (rel_ifunc_fn)(uintptr_t)*vp->pick_ptr;
	tap((u64)addr_pick() == stub && via_ptr() == ELFK_RELIFN_VALUE,
	    "rel ifunc: addr_pick() = pick_ptr = the stub, and calling it gives %d",
	    ELFK_RELIFN_VALUE);
out:
	host_free(mem, elf.vsize);
	elfk_elf_release(&elf);
	rel_ifunc_no_endbr();
}

/*
 * A processor-specific SHF_ALLOC section type loads only when the arch
 * names it (rel_ops.loadable_sh_type): x86_64's .eh_frame is
 * SHT_X86_64_UNWIND; the next type is still refused.
 */
void test_rel_arch_sections(void)
{
	static const struct {
		u32 type;
		int err;
		const char *msg;
	} rows[] = {
		{ 0x70000001, 0, "" },
		{ 0x70000002, -EOPNOTSUPP,
		  "section 2 '.rodata': sh_type 0x70000002 cannot be loaded (SHF_ALLOC)" },
	};
	static struct elfk_rel_fixture f;
	struct elfk_elf elf;
	struct elfk_log log;
	char buf[512];
	unsigned int i;
	u8 *mem;
	int err;

	for (i = 0; i < ARRAY_SIZE(rows); i++) {
		elfk_rel_fixture_build(&f);
		f.sh[ELFK_RELFIX_SEC_RODATA].sh_type = rows[i].type;
		elfk_log_init(&log, buf, sizeof(buf), ELFK_LOG_LEVEL_ERROR);
		/* Parsing decides: no allocator, stop there. */
		err = elfk_rel_fixture_run_core(&elf, f.buf, f.size, NULL, &mem,
						&fixture_resolver, &log);
		if (!tap(err == rows[i].err && strstr(buf, rows[i].msg),
			 "rel arch: an SHF_ALLOC section of sh_type 0x%x %s",
			 rows[i].type, rows[i].err ? "is refused" : "loads"))
			tap_diag("errno %d, log: %s", err, buf);
		elfk_elf_release(&elf);
	}
}
