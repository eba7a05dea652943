// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suites of elfk, run in the kernel when elfk.ko is loaded into a
 * kernel built with CONFIG_KUNIT.
 *
 * elfk_core: every row of the fixture defect table (elf_cases.c) through
 *            the portable core, as the host tests run it.
 * elfk_load: the whole in-kernel pipeline on the valid fixture: W^X page
 *            permissions read back from the page tables, calling into the
 *            loaded text, the caller's log, names, busy unloads,
 *            symbol tables added by other modules, and per-task TLS from
 *            the test task, kernel threads and a workqueue.
 */
#include <kunit/test.h>
#include <linux/cred.h>
#include <linux/delay.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/sched/task.h>
#include <linux/vmalloc.h>
#include <linux/workqueue.h>

#include "../elfk/internal.h"
#include "elf_fixture.h"
#include "kunit_core.h"

/* ---- elfk_core ----------------------------------------------------------- */

/* The table's size is not known here, so no KUNIT_ARRAY_PARAM(). */
static const void *fixture_case_gen_params(const void *prev, char *desc)
{
	const struct elfk_fixture_case *c = prev;

	c = c ? c + 1 : elfk_fixture_cases;
	if (c >= elfk_fixture_cases + elfk_fixture_nr_cases)
		return NULL;
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
	return c;
}

static void elfk_core_fixture_case(struct kunit *test)
{
	const struct elfk_fixture_case *c = test->param_value;
	const struct elfk_resolver res = { .lookup = elfk_kunit_lookup };
	struct elfk_fixture *f;
	struct elfk_kunit_run *run;
	int err;

	f = kunit_kzalloc(test, sizeof(*f), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, f);
	run = elfk_kunit_run_new(test);

	elfk_fixture_build(f);
	c->mutate(f);
	err = elfk_fixture_run_core(&run->elf, f->buf, f->size, elfk_kunit_alloc,
				    &run->mem, &res, &run->log);
	vfree(run->mem);
	KUNIT_EXPECT_EQ_MSG(test, err, c->err, "log: %s", run->buf);
	KUNIT_EXPECT_NOT_NULL_MSG(test, strstr(run->buf, c->msg), "log: %s", run->buf);
	elfk_kunit_expect_no_address(test, run->buf, run->mem);
}

/*
 * An init array entry that is not a relocated address inside the object:
 * left as its link-time value (no relocation) or bound to a kernel
 * function.  Refused, and the message must not print the entry minus the
 * load bias, which is the placement's address bits (or the distance to
 * the kernel function).
 */
static void elfk_core_no_addresses(struct kunit *test)
{
	const struct elfk_resolver res = { .lookup = elfk_kunit_lookup };
	struct elfk_fixture *f;
	struct elfk_kunit_run *run;
	unsigned int i;
	int err;

	f = kunit_kzalloc(test, sizeof(*f), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, f);
	for (i = 0; i < 2; i++) {
		run = elfk_kunit_run_new(test);
		elfk_fixture_build(f);
		if (i == 0) {
			f->rela[3].r_info = R_X86_64_NONE;
			*(u64 *)(f->buf + ELFK_FIX_INIT_ARRAY) = ELFK_FIX_CTOR;
		} else {
			f->rela[3].r_info = (u64)ELFK_FIX_SYM_EXT << 32 | R_X86_64_64;
			f->rela[3].r_addend = 0;
		}
		err = elfk_fixture_run_core(&run->elf, f->buf, f->size, elfk_kunit_alloc,
					    &run->mem, &res, &run->log);
		vfree(run->mem);
		KUNIT_EXPECT_EQ_MSG(test, err, -ENOEXEC, "log: %s", run->buf);
		KUNIT_EXPECT_NOT_NULL_MSG(test, strstr(run->buf, "[0] points outside the object"),
					  "log: %s", run->buf);
		KUNIT_EXPECT_NOT_NULL(test, run->mem);
		elfk_kunit_expect_no_address(test, run->buf, run->mem);
	}
}

/* Whether or not this CPU enforces IBT, the ENDBR64 check must work. */
static void elfk_core_branch_targets(struct kunit *test)
{
	const struct elfk_resolver res = { .lookup = elfk_kunit_lookup };
	struct elfk_fixture_run load;
	struct elfk_fixture *f;
	struct elfk_kunit_run *run;
	int err;

	f = kunit_kzalloc(test, sizeof(*f), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, f);
	run = elfk_kunit_run_new(test);

	elfk_fixture_build(f);
	elfk_fixture_env(&load, &run->elf, elfk_kunit_alloc, &run->mem, &res,
			 &run->log);
	load.env.check_branch_targets = true;
	err = elfk_image_load(&run->elf, f->buf, f->size, &load.env);
	KUNIT_EXPECT_EQ(test, err, 0);
	vfree(run->mem);

	elfk_fixture_build(f);
	memset(f->buf + ELFK_FIX_TEXT, 0x90, 4);
	elfk_fixture_env(&load, &run->elf, elfk_kunit_alloc, &run->mem, &res,
			 &run->log);
	load.env.check_branch_targets = true;
	err = elfk_image_load(&run->elf, f->buf, f->size, &load.env);
	KUNIT_EXPECT_EQ(test, err, -EOPNOTSUPP);
	KUNIT_EXPECT_NOT_NULL(test, strstr(run->buf, "function 'ret42' at 0x1000"));
	vfree(run->mem);
}

static struct kunit_case elfk_core_cases[] = {
	KUNIT_CASE_PARAM(elfk_core_fixture_case, fixture_case_gen_params),
	KUNIT_CASE(elfk_core_branch_targets),
	KUNIT_CASE(elfk_core_no_addresses),
	{}
};

static struct kunit_suite elfk_core_suite = {
	.name = "elfk_core",
	.test_cases = elfk_core_cases,
};

/* ---- elfk_load ------------------------------------------------------------ */

struct load_ctx {
	struct elfk_fixture fix;
	char log[512];
};

static struct elfk_object *load_fixture(struct kunit *test, struct load_ctx *ctx,
					const char *name)
{
	struct elfk_load_opts opts = {
		.name = name,
		.log_buf = ctx->log,
		.log_size = sizeof(ctx->log),
		.log_level = ELFK_LOG_LEVEL_VERBOSE,
	};

	return elfk_object_load(ctx->fix.buf, ctx->fix.size, &opts);
}

static int load_init(struct kunit *test)
{
	struct load_ctx *ctx = kunit_kzalloc(test, sizeof(*ctx), GFP_KERNEL);

	if (!ctx)
		return -ENOMEM;
	elfk_fixture_build(&ctx->fix);
	test->priv = ctx;
	return 0;
}

static void unload(struct kunit *test, struct elfk_object *obj)
{
	KUNIT_EXPECT_EQ(test, elfk_object_unload(obj), 0);
	elfk_object_put(obj);
}

/*
 * Built through a writable alias, the object runs from another mapping:
 * once loaded, nothing may map its pages writable but its data, and the
 * alias's PTEs must be gone (its address is not reused before vmalloc's
 * lazy purge, so a mapped PTE there would be the alias's).
 */
static void expect_alias_gone(struct kunit *test, struct elfk_object *obj)
{
	unsigned long off;

	KUNIT_EXPECT_NULL(test, obj->alias);
	KUNIT_EXPECT_NE(test, obj->alias_addr, 0UL);
	KUNIT_EXPECT_PTR_EQ(test, (void *)obj->elf.base, (void *)obj->elf.run);
	for (off = 0; off < obj->elf.vsize; off += PAGE_SIZE) {
		u32 prot = elfk_arch_mem_ops.get_prot(obj->elf.base + off);
		void *alias = (void *)(obj->alias_addr + off);

		KUNIT_EXPECT_EQ_MSG(test, elfk_arch_mem_ops.get_prot(alias), 0U,
				    "alias page at +0x%lx still mapped", off);
		KUNIT_EXPECT_NE_MSG(test, prot & (ELFK_PROT_W | ELFK_PROT_X),
				    ELFK_PROT_W | ELFK_PROT_X, "W+X at +0x%lx", off);
	}
}

static void elfk_load_wx(struct kunit *test)
{
	struct load_ctx *ctx = test->priv;
	const struct elfk_arch_mem_ops *arch = &elfk_arch_mem_ops;
	struct elfk_object *obj;
	u8 *base;

	obj = load_fixture(test, ctx, "kunit-wx");
	KUNIT_ASSERT_FALSE_MSG(test, IS_ERR(obj), "log: %s", ctx->log);
	base = obj->elf.base;
	KUNIT_EXPECT_EQ(test, arch->get_prot(base), ELFK_PROT_R);
	KUNIT_EXPECT_EQ(test, arch->get_prot(base + ELFK_FIX_TEXT),
			ELFK_PROT_R | ELFK_PROT_X);
	KUNIT_EXPECT_EQ(test, arch->get_prot(base + ELFK_FIX_DATA), ELFK_PROT_R);
	KUNIT_EXPECT_EQ(test, arch->get_prot(base + 0x3000),
			ELFK_PROT_R | ELFK_PROT_W);
	expect_alias_gone(test, obj);
	unload(test, obj);
}

/*
 * Issue 14: LOAD + UNLOAD flushed every CPU's TLB twice.  The run mapping
 * now only gains permissions and freed pages wait for a batched flush:
 * at most 0.1 flushes per cycle, and still one before the pages are free.
 */
static void elfk_load_flush_batch(struct kunit *test)
{
	struct load_ctx *ctx = test->priv;
	struct elfk_object *obj;
	u64 before, flushes;
	int i;

	elfk_mem_drain();
	before = elfk_mem_nr_flushes();
	for (i = 0; i < 100; i++) {
		obj = load_fixture(test, ctx, "kunit-flush");
		KUNIT_ASSERT_FALSE_MSG(test, IS_ERR(obj), "log: %s", ctx->log);
		unload(test, obj);
	}
	flushes = elfk_mem_nr_flushes() - before;
	KUNIT_EXPECT_LE_MSG(test, flushes, 10ULL, "%llu flushes for 100 cycles",
			    (unsigned long long)flushes);
	/* Retired pages are not leaked: a drain flushes once and frees them. */
	before = elfk_mem_nr_flushes();
	elfk_mem_drain();
	KUNIT_EXPECT_LE(test, elfk_mem_nr_flushes() - before, 1ULL);
}

static void elfk_load_relocations(struct kunit *test)
{
	struct load_ctx *ctx = test->priv;
	struct elfk_object *obj;
	const u64 *slot;
	u64 b, ret = 0;

	obj = load_fixture(test, ctx, "kunit-reloc");
	KUNIT_ASSERT_FALSE_MSG(test, IS_ERR(obj), "log: %s", ctx->log);
	b = (unsigned long)obj->elf.base;
	slot = (const u64 *)(obj->elf.base + ELFK_FIX_DATA);
	KUNIT_EXPECT_EQ(test, slot[0], b + ELFK_FIX_TEXT);
	KUNIT_EXPECT_EQ(test, slot[1], (u64)(unsigned long)&memcpy + ELFK_FIX_EXT_ADDEND);
	KUNIT_EXPECT_EQ(test, slot[2], b + ELFK_FIX_DATA_OBJ);
	KUNIT_EXPECT_EQ(test, slot[3], b + ELFK_FIX_TEXT);
	KUNIT_EXPECT_EQ(test, elfk_object_call(obj, "ret42", NULL, 0, &ret), 0);
	KUNIT_EXPECT_EQ(test, ret, 42ULL);
	KUNIT_EXPECT_EQ(test, elfk_object_call(obj, "data_obj", NULL, 0, &ret),
			-ENOENT);
	KUNIT_EXPECT_PTR_EQ(test, elfk_object_sym(obj, "data_obj"),
			    (void *)(obj->elf.base + ELFK_FIX_DATA_OBJ));
	KUNIT_EXPECT_NOT_NULL(test, strstr(ctx->log, "relocate: 5 relocations applied"));
	KUNIT_EXPECT_NOT_NULL(test, strstr(ctx->log, "0 IFUNC relocations deferred"));
	unload(test, obj);
}

static void elfk_load_ifunc(struct kunit *test)
{
	struct load_ctx *ctx = test->priv;
	struct elfk_object *obj;
	const u64 *slot;

	elfk_fixture_add_ifunc(&ctx->fix);
	obj = load_fixture(test, ctx, "kunit-ifunc");
	KUNIT_ASSERT_FALSE_MSG(test, IS_ERR(obj), "log: %s", ctx->log);
	slot = (const u64 *)(obj->elf.base + ELFK_FIX_DATA);
	KUNIT_EXPECT_EQ(test, slot[0], 42ULL);
	KUNIT_EXPECT_EQ(test, slot[3], 42ULL);
	KUNIT_EXPECT_NOT_NULL(test, strstr(ctx->log, "2 IFUNC resolvers called"));
	/* The resolvers ran with RELRO writable; it is read-only now. */
	KUNIT_EXPECT_EQ(test, elfk_arch_mem_ops.get_prot(obj->elf.base + ELFK_FIX_DATA),
			ELFK_PROT_R);
	expect_alias_gone(test, obj);
	unload(test, obj);
}

static void elfk_load_names(struct kunit *test)
{
	struct load_ctx *ctx = test->priv;
	struct elfk_object *a, *b, *c;

	a = load_fixture(test, ctx, NULL);
	KUNIT_ASSERT_FALSE_MSG(test, IS_ERR(a), "log: %s", ctx->log);
	KUNIT_EXPECT_STREQ(test, a->name, "libfixture.so");
	b = load_fixture(test, ctx, NULL);
	KUNIT_ASSERT_FALSE_MSG(test, IS_ERR(b), "log: %s", ctx->log);
	KUNIT_EXPECT_NE(test, elfk_object_id(a), elfk_object_id(b));
	KUNIT_EXPECT_STRNEQ(test, b->name, "libfixture.so");
	c = load_fixture(test, ctx, "libfixture.so");
	KUNIT_EXPECT_EQ(test, PTR_ERR_OR_ZERO(c), -EEXIST);
	KUNIT_EXPECT_NOT_NULL(test, strstr(ctx->log, "already in use"));
	unload(test, b);
	unload(test, a);
}

/*
 * obj<N> names the object with id N when it is loaded without a name, so
 * no other object may take it: else "obj<N>" first, then an unnamed load
 * that gets id N, gives two objects one name.
 */
static void elfk_load_names_reserved(struct kunit *test)
{
	struct load_ctx *ctx = test->priv;
	struct elfk_object *a, *b, *c, *d, *x, *found;
	char name[ELFK_NAME_LEN];

	a = load_fixture(test, ctx, NULL);
	KUNIT_ASSERT_FALSE_MSG(test, IS_ERR(a), "log: %s", ctx->log);
	b = load_fixture(test, ctx, NULL);
	KUNIT_ASSERT_FALSE_MSG(test, IS_ERR(b), "log: %s", ctx->log);
	x = load_fixture(test, ctx, "kunit-names-x");
	KUNIT_ASSERT_FALSE_MSG(test, IS_ERR(x), "log: %s", ctx->log);
	/* Ids are handed out lowest first: the next two loads get b's, x's. */
	snprintf(name, sizeof(name), "obj%u", elfk_object_id(x));
	unload(test, b);
	unload(test, x);

	c = load_fixture(test, ctx, name);
	KUNIT_EXPECT_EQ(test, PTR_ERR_OR_ZERO(c), -EINVAL);
	KUNIT_EXPECT_NOT_NULL_MSG(test, strstr(ctx->log, "is reserved"), "log: %s", ctx->log);
	d = load_fixture(test, ctx, NULL);
	KUNIT_ASSERT_FALSE_MSG(test, IS_ERR(d), "log: %s", ctx->log);
	found = elfk_object_get_by_name(d->name);
	KUNIT_EXPECT_PTR_EQ(test, found, d);
	elfk_object_put(found);
	if (!IS_ERR(c)) {
		KUNIT_EXPECT_STRNEQ(test, c->name, d->name);
		unload(test, c);
	}
	unload(test, d);
	unload(test, a);
}

/*
 * Life-cycle entry points are not callable: here the init array's entry
 * is ret42, an exported function, which CALL and SYM must then refuse.
 */
static void elfk_load_lifecycle(struct kunit *test)
{
	struct load_ctx *ctx = test->priv;
	struct elfk_object *obj;
	u64 ret = 0;

	ctx->fix.rela[3].r_addend = ELFK_FIX_TEXT;
	obj = load_fixture(test, ctx, "kunit-lifecycle");
	KUNIT_ASSERT_FALSE_MSG(test, IS_ERR(obj), "log: %s", ctx->log);
	KUNIT_EXPECT_EQ(test, elfk_object_call(obj, "ret42", NULL, 0, &ret), -EACCES);
	KUNIT_EXPECT_EQ(test, ret, 0ULL);
	KUNIT_EXPECT_NULL(test, elfk_object_sym(obj, "ret42"));
	/* Only the entry point: data is still there. */
	KUNIT_EXPECT_NOT_NULL(test, elfk_object_sym(obj, "data_obj"));
	unload(test, obj);
}

/*
 * elfk_free() frees only what the calling object holds: a cross-object,
 * double, foreign or interior free changes no counter and frees nothing
 * (a freed block would be a KASAN report on the memset below).
 */
static void elfk_load_allocator(struct kunit *test)
{
	struct elfk_self *a, *b;
	u8 *p, *q, *foreign;

	a = kunit_kzalloc(test, sizeof(*a), GFP_KERNEL);
	b = kunit_kzalloc(test, sizeof(*b), GFP_KERNEL);
	foreign = kunit_kzalloc(test, 64, GFP_KERNEL);
	KUNIT_ASSERT_TRUE(test, a && b && foreign);
	elfk_self_init(a, "kunit-alloc-a");
	elfk_self_init(b, "kunit-alloc-b");
	p = elfk_self_malloc(a, 100);
	q = elfk_self_malloc(a, 24);
	KUNIT_ASSERT_TRUE(test, p && q);
	KUNIT_EXPECT_EQ(test, a->nr_allocs, 2U);
	KUNIT_EXPECT_EQ(test, a->alloc_bytes, 124ULL);

	elfk_self_free(b, p);
	KUNIT_EXPECT_EQ(test, b->nr_allocs, 0U);
	KUNIT_EXPECT_EQ(test, b->alloc_bytes, 0ULL);
	KUNIT_EXPECT_EQ(test, a->nr_allocs, 2U);
	memset(p, 0x5a, 100);

	elfk_self_free(a, q);
	KUNIT_EXPECT_EQ(test, a->alloc_bytes, 100ULL);
	elfk_self_free(a, q);
	KUNIT_EXPECT_EQ(test, a->nr_allocs, 1U);
	KUNIT_EXPECT_EQ(test, a->alloc_bytes, 100ULL);

	elfk_self_free(a, foreign + 32);
	elfk_self_free(a, p + 32);
	KUNIT_EXPECT_EQ(test, a->nr_allocs, 1U);
	KUNIT_EXPECT_EQ(test, a->alloc_bytes, 100ULL);
	memset(p, 0xa5, 100);

	elfk_self_free(a, p);
	KUNIT_EXPECT_EQ(test, a->nr_allocs, 0U);
	KUNIT_EXPECT_EQ(test, a->alloc_bytes, 0ULL);
	elfk_self_release(b);
	elfk_self_release(a);
}

static void elfk_load_busy(struct kunit *test)
{
	struct load_ctx *ctx = test->priv;
	struct elfk_object *obj, *held;

	obj = load_fixture(test, ctx, "kunit-busy");
	KUNIT_ASSERT_FALSE_MSG(test, IS_ERR(obj), "log: %s", ctx->log);
	held = elfk_object_get(elfk_object_id(obj));
	KUNIT_ASSERT_PTR_EQ(test, held, obj);
	KUNIT_EXPECT_EQ(test, elfk_object_unload(obj), -EBUSY);
	elfk_object_put(held);
	unload(test, obj);
	KUNIT_EXPECT_NULL(test, elfk_object_get_by_name("kunit-busy"));
}

static void elfk_load_log_too_small(struct kunit *test)
{
	struct load_ctx *ctx = test->priv;
	char small[8];
	struct elfk_load_opts opts = {
		.name = "kunit-log",
		.log_buf = small,
		.log_size = sizeof(small),
		.log_level = ELFK_LOG_LEVEL_VERBOSE,
	};
	struct elfk_object *obj;

	obj = elfk_object_load(ctx->fix.buf, ctx->fix.size, &opts);
	KUNIT_EXPECT_EQ(test, PTR_ERR_OR_ZERO(obj), -ENOSPC);
	KUNIT_EXPECT_GT(test, opts.log_true_size, (u32)sizeof(small));
	KUNIT_EXPECT_EQ(test, small[sizeof(small) - 1], '\0');
	KUNIT_EXPECT_NULL(test, elfk_object_get_by_name("kunit-log"));
}

/*
 * The registry counts objects per uid instead of walking them: every way
 * out of it (unload, a LOAD refused after its id was reserved) must give
 * the count back, or a uid is locked out after max_objects_per_user
 * failures; and the name and provider indexes must forget the object.
 */
static void elfk_load_user_count(struct kunit *test)
{
	struct load_ctx *ctx = test->priv;
	unsigned int cap = elfk_max_objects_per_user;
	kuid_t uid = current_euid();
	struct elfk_object *a, *b, *c, *d, *p;
	unsigned int base;
	char small[8];
	struct elfk_load_opts opts = {
		.name = "kunit-users-x",
		.log_buf = small,
		.log_size = sizeof(small),
		.log_level = ELFK_LOG_LEVEL_VERBOSE,
	};

	base = elfk_registry_user_objects(uid);
	elfk_max_objects_per_user = base + 2;

	a = load_fixture(test, ctx, NULL);
	KUNIT_ASSERT_FALSE_MSG(test, IS_ERR(a), "log: %s", ctx->log);
	b = load_fixture(test, ctx, "kunit-users-b");
	if (IS_ERR(b)) {
		unload(test, a);
		elfk_max_objects_per_user = cap;
		KUNIT_FAIL(test, "load b: %ld, log: %s", PTR_ERR(b), ctx->log);
		return;
	}
	KUNIT_EXPECT_EQ(test, elfk_registry_user_objects(uid), base + 2);
	/* Both carry DT_SONAME libfixture.so: the provider is the older. */
	p = elfk_registry_get_provider("libfixture.so");
	KUNIT_EXPECT_PTR_EQ(test, p, a);
	if (p)
		elfk_object_put(p);

	c = load_fixture(test, ctx, "kunit-users-c");
	KUNIT_EXPECT_EQ(test, PTR_ERR_OR_ZERO(c), -E2BIG);
	KUNIT_EXPECT_NOT_NULL(test, strstr(ctx->log, "max_objects_per_user"));
	if (!IS_ERR(c))
		unload(test, c);

	/* A refused duplicate counts nothing. */
	elfk_max_objects_per_user = base + 3;
	c = load_fixture(test, ctx, "kunit-users-b");
	KUNIT_EXPECT_EQ(test, PTR_ERR_OR_ZERO(c), -EEXIST);
	if (!IS_ERR(c))
		unload(test, c);
	KUNIT_EXPECT_EQ(test, elfk_registry_user_objects(uid), base + 2);

	/* Refused after its id was reserved (truncated log): given back. */
	d = elfk_object_load(ctx->fix.buf, ctx->fix.size, &opts);
	KUNIT_EXPECT_EQ(test, PTR_ERR_OR_ZERO(d), -ENOSPC);
	if (!IS_ERR(d))
		unload(test, d);
	KUNIT_EXPECT_EQ(test, elfk_registry_user_objects(uid), base + 2);
	KUNIT_EXPECT_NULL(test, elfk_object_get_by_name("kunit-users-x"));

	/* Unloading gives a slot back, and the name and provider go. */
	elfk_max_objects_per_user = base + 2;
	unload(test, a);
	KUNIT_EXPECT_EQ(test, elfk_registry_user_objects(uid), base + 1);
	p = elfk_registry_get_provider("libfixture.so");
	KUNIT_EXPECT_PTR_EQ(test, p, b);
	if (p)
		elfk_object_put(p);
	c = load_fixture(test, ctx, "kunit-users-x");
	KUNIT_EXPECT_FALSE_MSG(test, IS_ERR(c), "log: %s", ctx->log);
	if (!IS_ERR(c)) {
		KUNIT_EXPECT_EQ(test, elfk_registry_user_objects(uid), base + 2);
		unload(test, c);
	}
	unload(test, b);
	KUNIT_EXPECT_EQ(test, elfk_registry_user_objects(uid), base);
	KUNIT_EXPECT_NULL(test, elfk_registry_get_provider("libfixture.so"));
	KUNIT_EXPECT_NULL(test, elfk_object_get_by_name("kunit-users-b"));
	elfk_max_objects_per_user = cap;
}

static u64 ext_target(void)
{
	return 7;
}

static void elfk_load_ext_symtab(struct kunit *test)
{
	struct load_ctx *ctx = test->priv;
	struct elfk_symbol syms[] = {
		{ .name = "nosuch", .addr = (void *)ext_target },
	};
	struct elfk_symtab tab = {
		.owner = THIS_MODULE,
		.syms = syms,
		.nr_syms = ARRAY_SIZE(syms),
	};
	struct elfk_symbol dup[] = { ELFK_SYMBOL(memcpy) };
	struct elfk_symtab duptab = {
		.owner = THIS_MODULE, .syms = dup, .nr_syms = 1
	};
	struct elfk_object *obj;
	const u64 *slot;

	memcpy(ctx->fix.str + 1, "nosuch", 6);
	obj = load_fixture(test, ctx, "kunit-ext");
	KUNIT_EXPECT_EQ(test, PTR_ERR_OR_ZERO(obj), -ENOENT);
	KUNIT_EXPECT_NOT_NULL(test, strstr(ctx->log, "undefined symbol 'nosuch'"));

	KUNIT_ASSERT_EQ(test, elfk_symtab_register(&tab), 0);
	KUNIT_EXPECT_EQ(test, elfk_symtab_register(&duptab), -EEXIST);
	obj = load_fixture(test, ctx, "kunit-ext");
	if (IS_ERR(obj)) {
		/* @tab lives on this stack: never leave it registered. */
		elfk_symtab_unregister(&tab);
		KUNIT_FAIL(test, "load failed: %ld, log: %s", PTR_ERR(obj), ctx->log);
		return;
	}
	slot = (const u64 *)(obj->elf.base + ELFK_FIX_DATA);
	KUNIT_EXPECT_EQ(test, slot[1], (u64)(unsigned long)ext_target + ELFK_FIX_EXT_ADDEND);
	KUNIT_EXPECT_FALSE(test, list_empty(&obj->pinned));
	unload(test, obj);
	elfk_symtab_unregister(&tab);
}

/*
 * The kernel table's hash index: "elfk_kunit_ez", "elfk_kunit_fY" and
 * "elfk_kunit_g8" have the same GNU hash (h * 33 + c), so they share a
 * bucket and a stored hash; a name is compared only where the whole hash
 * matched, and the chain still finds each entry.
 */
static void elfk_load_symtab_index(struct kunit *test)
{
	struct elfk_symbol syms[] = {
		{ .name = "elfk_kunit_ez", .addr = (void *)ext_target },
		{ .name = "elfk_kunit_fY", .addr = (void *)&syms },
		{ .name = "memcpy", .addr = (void *)memcpy },
		{ .name = "memset", .addr = (void *)memset },
		{ .name = "strlen", .addr = (void *)strlen },
	};
	struct elfk_symbol dup[] = { ELFK_SYMBOL(memcpy), ELFK_SYMBOL(memcpy) };
	const struct elfk_symbol *sym;
	unsigned int cmps, i;

	KUNIT_ASSERT_EQ(test, elfk_gnu_hash("elfk_kunit_ez"),
			elfk_gnu_hash("elfk_kunit_fY"));
	KUNIT_ASSERT_EQ(test, elfk_gnu_hash("elfk_kunit_ez"),
			elfk_gnu_hash("elfk_kunit_g8"));
	for (i = 0; i < ARRAY_SIZE(syms); i++) {
		sym = elfk_symtab_index_find(syms, ARRAY_SIZE(syms),
					     syms[i].name, &cmps);
		KUNIT_EXPECT_PTR_EQ(test, sym, &syms[i]);
		/* At most the colliding entry ahead of it in the chain. */
		KUNIT_EXPECT_LE(test, cmps, 2U);
	}
	/* Both colliding entries compared, neither taken. */
	sym = elfk_symtab_index_find(syms, ARRAY_SIZE(syms), "elfk_kunit_g8",
				     &cmps);
	KUNIT_EXPECT_NULL(test, sym);
	KUNIT_EXPECT_EQ(test, cmps, 2U);
	/* No stored hash matches: no name compared. */
	sym = elfk_symtab_index_find(syms, ARRAY_SIZE(syms), "memmove", &cmps);
	KUNIT_EXPECT_NULL(test, sym);
	KUNIT_EXPECT_EQ(test, cmps, 0U);
	sym = elfk_symtab_index_find(dup, ARRAY_SIZE(dup), "memcpy", &cmps);
	KUNIT_EXPECT_PTR_EQ(test, sym, ERR_PTR(-EEXIST));
}

/* ---- TLS ----------------------------------------------------------------- */

static struct elfk_object *load_tls(struct kunit *test, struct load_ctx *ctx,
				    const char *name)
{
	elfk_fixture_build(&ctx->fix);
	elfk_fixture_add_tls(&ctx->fix);
	return load_fixture(test, ctx, name);
}

static u64 tls_inc(struct kunit *test, struct elfk_object *obj)
{
	u64 ret = 0;

	KUNIT_EXPECT_EQ(test, elfk_object_call(obj, "tls_inc", NULL, 0, &ret), 0);
	return ret;
}

static void elfk_load_tls_task(struct kunit *test)
{
	struct load_ctx *ctx = test->priv;
	struct elfk_object *a, *b;

	a = load_tls(test, ctx, "kunit-tls-a");
	KUNIT_ASSERT_FALSE_MSG(test, IS_ERR(a), "log: %s", ctx->log);
	KUNIT_EXPECT_NOT_NULL(test, strstr(ctx->log, "tls: module id"));
	/* The loader's block was made before the constructors ran. */
	KUNIT_EXPECT_EQ(test, elfk_tls_nr_blocks(a), 1U);
	KUNIT_EXPECT_EQ(test, tls_inc(test, a), ELFK_FIX_TLS_INIT + 1ULL);
	KUNIT_EXPECT_EQ(test, tls_inc(test, a), ELFK_FIX_TLS_INIT + 2ULL);

	/* Two objects with TLS in one task: separate blocks. */
	b = load_tls(test, ctx, "kunit-tls-b");
	KUNIT_ASSERT_FALSE_MSG(test, IS_ERR(b), "log: %s", ctx->log);
	KUNIT_EXPECT_NE(test, a->elf.tls_modid, b->elf.tls_modid);
	KUNIT_EXPECT_EQ(test, tls_inc(test, b), ELFK_FIX_TLS_INIT + 1ULL);
	KUNIT_EXPECT_EQ(test, tls_inc(test, a), ELFK_FIX_TLS_INIT + 3ULL);
	unload(test, b);
	unload(test, a);

	/* Reloading gives fresh blocks. */
	a = load_tls(test, ctx, "kunit-tls-a");
	KUNIT_ASSERT_FALSE_MSG(test, IS_ERR(a), "log: %s", ctx->log);
	KUNIT_EXPECT_EQ(test, tls_inc(test, a), ELFK_FIX_TLS_INIT + 1ULL);
	unload(test, a);
}

/*
 * Each CPU caches the last block it found per module id.  An unloaded
 * object's id must not be handed to the next object while a cache may
 * still hold a block under it: the new object would get the old one's
 * block (here: a counter already at INIT + 2, and after the free, a
 * use-after-free).
 */
static void elfk_load_tls_id_reuse(struct kunit *test)
{
	struct load_ctx *ctx = test->priv;
	struct elfk_object *a, *b;
	unsigned int i;

	for (i = 0; i < 3; i++) {
		a = load_tls(test, ctx, "kunit-tls-reuse-a");
		KUNIT_ASSERT_FALSE_MSG(test, IS_ERR(a), "log: %s", ctx->log);
		KUNIT_EXPECT_EQ(test, tls_inc(test, a), ELFK_FIX_TLS_INIT + 1ULL);
		KUNIT_EXPECT_EQ(test, tls_inc(test, a), ELFK_FIX_TLS_INIT + 2ULL);
		unload(test, a);
		b = load_tls(test, ctx, "kunit-tls-reuse-b");
		KUNIT_ASSERT_FALSE_MSG(test, IS_ERR(b), "log: %s", ctx->log);
		KUNIT_EXPECT_EQ(test, tls_inc(test, b), ELFK_FIX_TLS_INIT + 1ULL);
		unload(test, b);
	}
	/* Once the caches have forgotten them, ids are reused. */
	rcu_barrier();
	rcu_barrier();
	a = load_tls(test, ctx, "kunit-tls-reuse-a");
	KUNIT_ASSERT_FALSE_MSG(test, IS_ERR(a), "log: %s", ctx->log);
	KUNIT_EXPECT_EQ(test, tls_inc(test, a), ELFK_FIX_TLS_INIT + 1ULL);
	unload(test, a);
}

struct tls_worker {
	struct kunit *test;
	struct elfk_object *obj;
	u64 seen[3];
	struct completion called;
	struct completion release;
	struct work_struct work;
};

static void tls_worker_calls(struct tls_worker *w)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(w->seen); i++)
		elfk_object_call(w->obj, "tls_inc", NULL, 0, &w->seen[i]);
}

static int tls_kthread(void *data)
{
	struct tls_worker *w = data;

	tls_worker_calls(w);
	complete(&w->called);
	wait_for_completion(&w->release);
	return 0;
}

static void tls_work(struct work_struct *work)
{
	tls_worker_calls(container_of(work, struct tls_worker, work));
}

#define NR_TLS_THREADS 4

/*
 * Kernel threads each get their own block; an unload while they still hold
 * their blocks frees them; blocks of exited threads are reaped.
 */
static void elfk_load_tls_kthreads(struct kunit *test)
{
	struct load_ctx *ctx = test->priv;
	struct tls_worker *w;
	struct task_struct *t[NR_TLS_THREADS];
	struct elfk_object *obj;
	unsigned int i, j;

	w = kunit_kcalloc(test, NR_TLS_THREADS, sizeof(*w), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, w);
	obj = load_tls(test, ctx, "kunit-tls-kthreads");
	KUNIT_ASSERT_FALSE_MSG(test, IS_ERR(obj), "log: %s", ctx->log);
	for (i = 0; i < NR_TLS_THREADS; i++) {
		w[i].obj = obj;
		init_completion(&w[i].called);
		init_completion(&w[i].release);
		t[i] = kthread_run(tls_kthread, &w[i], "elfk-kunit/%u", i);
		KUNIT_ASSERT_FALSE(test, IS_ERR(t[i]));
		get_task_struct(t[i]);
	}
	for (i = 0; i < NR_TLS_THREADS; i++) {
		wait_for_completion(&w[i].called);
		for (j = 0; j < ARRAY_SIZE(w[i].seen); j++)
			KUNIT_EXPECT_EQ(test, w[i].seen[j], ELFK_FIX_TLS_INIT + j + 1ULL);
	}
	KUNIT_EXPECT_EQ(test, elfk_tls_nr_blocks(obj), NR_TLS_THREADS + 1U);
	/* Unload while the threads still hold their blocks. */
	unload(test, obj);
	for (i = 0; i < NR_TLS_THREADS; i++) {
		complete(&w[i].release);
		kthread_stop(t[i]);
		put_task_struct(t[i]);
	}

	/* Short-lived threads: their blocks go once they have exited. */
	obj = load_tls(test, ctx, "kunit-tls-reap");
	KUNIT_ASSERT_FALSE_MSG(test, IS_ERR(obj), "log: %s", ctx->log);
	for (i = 0; i < NR_TLS_THREADS; i++) {
		reinit_completion(&w[i].called);
		reinit_completion(&w[i].release);
		w[i].obj = obj;
		t[i] = kthread_run(tls_kthread, &w[i], "elfk-kunit/%u", i);
		KUNIT_ASSERT_FALSE(test, IS_ERR(t[i]));
		get_task_struct(t[i]);
		wait_for_completion(&w[i].called);
		complete(&w[i].release);
		kthread_stop(t[i]);
		put_task_struct(t[i]);
	}
	for (i = 0; i < 50 && elfk_tls_nr_blocks(obj) > 1; i++)
		msleep(100);
	KUNIT_EXPECT_EQ(test, elfk_tls_nr_blocks(obj), 1U);
	unload(test, obj);
}

static void elfk_load_tls_workqueue(struct kunit *test)
{
	struct load_ctx *ctx = test->priv;
	struct workqueue_struct *wq;
	struct elfk_object *obj;
	struct tls_worker *w;
	unsigned int j;

	w = kunit_kzalloc(test, sizeof(*w), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, w);
	wq = alloc_workqueue("elfk-kunit", WQ_UNBOUND, 1);
	KUNIT_ASSERT_NOT_NULL(test, wq);
	obj = load_tls(test, ctx, "kunit-tls-wq");
	KUNIT_ASSERT_FALSE_MSG(test, IS_ERR(obj), "log: %s", ctx->log);
	w->obj = obj;
	INIT_WORK(&w->work, tls_work);
	queue_work(wq, &w->work);
	flush_work(&w->work);
	for (j = 0; j < ARRAY_SIZE(w->seen); j++)
		KUNIT_EXPECT_EQ(test, w->seen[j], ELFK_FIX_TLS_INIT + j + 1ULL);
	/* The test task's own block is untouched by the worker's. */
	KUNIT_EXPECT_EQ(test, tls_inc(test, obj), ELFK_FIX_TLS_INIT + 1ULL);
	destroy_workqueue(wq);
	unload(test, obj);
}

static struct kunit_case elfk_load_cases[] = {
	KUNIT_CASE(elfk_load_tls_task),
	KUNIT_CASE(elfk_load_tls_kthreads),
	KUNIT_CASE(elfk_load_tls_workqueue),
	KUNIT_CASE(elfk_load_tls_id_reuse),
	KUNIT_CASE(elfk_load_wx),
	KUNIT_CASE(elfk_load_relocations),
	KUNIT_CASE(elfk_load_ifunc),
	KUNIT_CASE(elfk_load_flush_batch),
	KUNIT_CASE(elfk_load_names),
	KUNIT_CASE(elfk_load_names_reserved),
	KUNIT_CASE(elfk_load_lifecycle),
	KUNIT_CASE(elfk_load_allocator),
	KUNIT_CASE(elfk_load_busy),
	KUNIT_CASE(elfk_load_log_too_small),
	KUNIT_CASE(elfk_load_user_count),
	KUNIT_CASE(elfk_load_ext_symtab),
	KUNIT_CASE(elfk_load_symtab_index),
	{}
};

static struct kunit_suite elfk_load_suite = {
	.name = "elfk_load",
	.init = load_init,
	.test_cases = elfk_load_cases,
};

kunit_test_suites(&elfk_core_suite, &elfk_load_suite);
