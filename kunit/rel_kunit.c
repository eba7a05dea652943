// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite elfk_rel: ET_REL objects in the kernel.
 *
 * Every row of the ET_REL defect table (rel_cases.c) through the portable
 * core, as the host tests run it, then the hand-built ET_REL fixture
 * loaded through elfk_object_load() and called: its call to strlen() is a
 * PLT32 relocation that cannot reach the kernel's text from vmalloc
 * memory, so it also proves the PLT stub (ENDBR64, GOT load, retpoline).
 */
#include <kunit/test.h>
#include <linux/vmalloc.h>

#include "../elfk/internal.h"
#include "rel_fixture.h"
#include "kunit_core.h"

static const void *rel_case_gen_params(const void *prev, char *desc)
{
	const struct elfk_rel_fixture_case *c = prev;

	c = c ? c + 1 : elfk_rel_fixture_cases;
	if (c >= elfk_rel_fixture_cases + elfk_rel_fixture_nr_cases)
		return NULL;
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
	return c;
}

static void elfk_rel_fixture_case(struct kunit *test)
{
	const struct elfk_rel_fixture_case *c = test->param_value;
	const struct elfk_resolver res = { .lookup = elfk_kunit_lookup };
	struct elfk_rel_fixture *f;
	struct elfk_elf *elf;
	struct elfk_log log;
	char *buf;
	u8 *mem;
	int err;

	f = kunit_kzalloc(test, sizeof(*f), GFP_KERNEL);
	elf = kunit_kzalloc(test, sizeof(*elf), GFP_KERNEL);
	buf = kunit_kzalloc(test, 512, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, f);
	KUNIT_ASSERT_NOT_NULL(test, elf);
	KUNIT_ASSERT_NOT_NULL(test, buf);

	elfk_rel_fixture_build(f);
	c->mutate(f);
	elfk_log_init(&log, buf, 512, ELFK_LOG_LEVEL_ERROR);
	err = elfk_rel_fixture_run_core(elf, f->buf, f->size, elfk_kunit_alloc, &mem,
					&res, &log);
	vfree(mem);
	elfk_elf_release(elf);
	KUNIT_EXPECT_EQ_MSG(test, err, c->err, "log: %s", buf);
	KUNIT_EXPECT_NOT_NULL_MSG(test, strstr(buf, c->msg), "log: %s", buf);
}

static void elfk_rel_load_call(struct kunit *test)
{
	struct elfk_load_opts opts = { .name = "kunit-rel" };
	struct elfk_rel_fixture *f;
	struct elfk_object *obj;
	u64 ret = 0;
	char *log;

	f = kunit_kzalloc(test, sizeof(*f), GFP_KERNEL);
	log = kunit_kzalloc(test, 1024, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, f);
	KUNIT_ASSERT_NOT_NULL(test, log);
	elfk_rel_fixture_build(f);
	opts.log_buf = log;
	opts.log_size = 1024;
	opts.log_level = ELFK_LOG_LEVEL_VERBOSE;

	obj = elfk_object_load(f->buf, f->size, &opts);
	KUNIT_ASSERT_FALSE_MSG(test, IS_ERR(obj), "log: %s", log);
	KUNIT_EXPECT_NOT_NULL_MSG(test, strstr(log, "1 PLT stubs"), "log: %s", log);
	KUNIT_EXPECT_EQ(test, elfk_arch_ops.get_prot(obj->elf.base),
			ELFK_PROT_R | ELFK_PROT_X);
	KUNIT_EXPECT_EQ(test, elfk_object_call(obj, "ret42", NULL, 0, &ret), 0);
	KUNIT_EXPECT_EQ(test, ret, (u64)ELFK_RELFIX_RET42);
	KUNIT_EXPECT_EQ(test, elfk_object_call(obj, "get_flag", NULL, 0, &ret), 0);
	KUNIT_EXPECT_EQ(test, ret, (u64)ELFK_RELFIX_FLAG);
	KUNIT_EXPECT_EQ(test, elfk_object_call(obj, "get_slot", NULL, 0, &ret), 0);
	KUNIT_EXPECT_PTR_EQ(test, (void *)(unsigned long)ret,
			    elfk_object_sym(obj, "ret42"));
	KUNIT_EXPECT_EQ(test, elfk_object_call(obj, "call_ext", NULL, 0, &ret), 0);
	KUNIT_EXPECT_EQ(test, ret, (u64)ELFK_RELFIX_STRLEN);
	KUNIT_EXPECT_EQ(test, elfk_object_call(obj, "hidden_fn", NULL, 0, &ret),
			-ENOENT);
	KUNIT_EXPECT_EQ(test, elfk_object_unload(obj), 0);
	elfk_object_put(obj);
}

static struct kunit_case elfk_rel_cases[] = {
	KUNIT_CASE_PARAM(elfk_rel_fixture_case, rel_case_gen_params),
	KUNIT_CASE(elfk_rel_load_call),
	{}
};

/* As elfk_load's: KUnit may run before elfk's own init (6.1). */
static int rel_suite_init(struct kunit_suite *suite)
{
	return elfk_symtab_init() ?: elfk_tls_init();
}

static struct kunit_suite elfk_rel_suite = {
	.name = "elfk_rel",
	.suite_init = rel_suite_init,
	.test_cases = elfk_rel_cases,
};

kunit_test_suites(&elfk_rel_suite);
