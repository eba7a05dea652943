// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite elfk_rel: ET_REL objects in the kernel.
 *
 * Every row of the ET_REL defect table (rel_cases.c) through the portable
 * core, as the host tests run it, then the hand-built ET_REL fixture
 * loaded through elfk_object_load() and called: its call to strlen() is a
 * PLT32 relocation that cannot reach the kernel's text from vmalloc
 * memory, so it also proves the PLT stub (ENDBR64, GOT load, retpoline).
 *
 * Then the fixture's thread-local variant: relocated by the core with a
 * module id of our choosing, every field its code reads is checked; loaded
 * through elfk_object_load(), its general- and local-dynamic accesses are
 * run through elfk's __tls_get_addr() from this task and from a worker.
 *
 * Then the IFUNC variant: relocated by the core, every use of the IFUNC is
 * its PLT stub and the stub's slot waits for the IFUNC pass, which refuses
 * a resolver without ENDBR64; loaded through elfk_object_load(), the
 * resolver has run once, the GOT is read-only and calls reach impl().
 */
#include <kunit/test.h>
#include <linux/vmalloc.h>
#include <linux/workqueue.h>

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
	struct elfk_kunit_run *run;
	int err;

	f = kunit_kzalloc(test, sizeof(*f), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, f);
	run = elfk_kunit_run_new(test);

	elfk_rel_fixture_build(f);
	c->mutate(f);
	err = elfk_rel_fixture_run_core(&run->elf, f->buf, f->size, elfk_kunit_alloc, &run->mem,
					&res, &run->log);
	vfree(run->mem);
	elfk_elf_release(&run->elf);
	KUNIT_EXPECT_EQ_MSG(test, err, c->err, "log: %s", run->buf);
	KUNIT_EXPECT_NOT_NULL_MSG(test, strstr(run->buf, c->msg), "log: %s", run->buf);
	elfk_kunit_expect_no_address(test, run->buf, run->mem);
}

/* Build a fixture variant and load it with elfk_object_load(), verbose. */
static struct elfk_object *load_fixture(struct kunit *test,
					void (*build)(struct elfk_rel_fixture *f),
					const char *name, char **log)
{
	struct elfk_load_opts opts = { .name = name, .log_size = 1024,
				       .log_level = ELFK_LOG_LEVEL_VERBOSE };
	struct elfk_rel_fixture *f;
	struct elfk_object *obj;

	f = kunit_kzalloc(test, sizeof(*f), GFP_KERNEL);
	*log = kunit_kzalloc(test, opts.log_size, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, f);
	KUNIT_ASSERT_NOT_NULL(test, *log);
	build(f);
	opts.log_buf = *log;
	obj = elfk_object_load(f->buf, f->size, &opts);
	KUNIT_ASSERT_FALSE_MSG(test, IS_ERR(obj), "log: %s", *log);
	return obj;
}

static void elfk_rel_load_call(struct kunit *test)
{
	struct elfk_object *obj;
	u64 ret = 0;
	char *log;

	obj = load_fixture(test, elfk_rel_fixture_build, "kunit-rel", &log);
	KUNIT_EXPECT_NOT_NULL_MSG(test, strstr(log, "1 PLT stubs"), "log: %s", log);
	KUNIT_EXPECT_EQ(test, elfk_arch_mem_ops.get_prot(obj->elf.base),
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

/* The TLS variant's template: what .tdata holds (rel_fixture.h). */
static const u64 rel_tls_tdata[] = {
	ELFK_RELTLS_HEAD, ELFK_RELTLS_GD_INIT, ELFK_RELTLS_TAIL,
};

/* What the relocated TLS variant's code will read, for module id @modid. */
static void expect_tls_view(struct kunit *test, const struct elfk_elf *elf,
			    u64 modid)
{
	struct elfk_rel_tls_view v;

	KUNIT_ASSERT_EQ(test, elfk_rel_fixture_tls_view(elf, &v), 0);
	KUNIT_EXPECT_TRUE(test, elf->has_tls);
	KUNIT_EXPECT_EQ(test, elf->tls.filesz, (u64)ELFK_RELTLS_FILESZ);
	KUNIT_EXPECT_EQ(test, elf->tls.memsz, (u64)ELFK_RELTLS_MEMSZ);
	KUNIT_EXPECT_EQ(test, elf->tls.align, (u64)ELFK_RELTLS_ALIGN);
	KUNIT_EXPECT_EQ(test, elf->tls.vaddr % ELFK_RELTLS_ALIGN, 0ULL);
	KUNIT_ASSERT_NOT_NULL(test, v.tmpl);
	KUNIT_EXPECT_EQ(test, v.tmpl_prot, (u32)ELFK_PROT_R);
	KUNIT_EXPECT_EQ(test, memcmp(v.tmpl, rel_tls_tdata, sizeof(rel_tls_tdata)), 0);

	/* tls_gd_inc's lea: a read-only (module id, offset of tls_gd_var). */
	KUNIT_ASSERT_NOT_NULL(test, v.gd_pair);
	KUNIT_EXPECT_EQ(test, v.gd_pair_prot, (u32)ELFK_PROT_R);
	KUNIT_EXPECT_EQ(test, v.gd_pair[0], modid);
	KUNIT_EXPECT_EQ(test, v.gd_pair[1], (u64)ELFK_RELTLS_GD_OFF);
	/* tls_ld_add's lea: the object's own pair, then tls_ld_var's offset. */
	KUNIT_ASSERT_NOT_NULL(test, v.ld_pair);
	KUNIT_EXPECT_PTR_NE(test, v.ld_pair, v.gd_pair);
	KUNIT_EXPECT_EQ(test, v.ld_pair_prot, (u32)ELFK_PROT_R);
	KUNIT_EXPECT_EQ(test, v.ld_pair[0], modid);
	KUNIT_EXPECT_EQ(test, v.ld_pair[1], 0ULL);
	KUNIT_EXPECT_EQ(test, v.dtpoff, ELFK_RELTLS_LD_OFF);
	/* vmalloc memory is out of rel32 reach of elfk: one PLT stub. */
	KUNIT_EXPECT_EQ(test, v.gd_call, v.ld_call);
	KUNIT_EXPECT_EQ(test, v.gd_call_prot, (u32)(ELFK_PROT_R | ELFK_PROT_X));
}

static void elfk_rel_tls_core(struct kunit *test)
{
	const struct elfk_resolver res = { .lookup = elfk_kunit_lookup };
	struct elfk_rel_fixture *f;
	const Elf64_Sym *s;
	struct elfk_kunit_run *run;
	int err;

	f = kunit_kzalloc(test, sizeof(*f), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, f);
	run = elfk_kunit_run_new(test);

	elfk_rel_fixture_build_tls(f);
	err = elfk_rel_fixture_run_core_tls(&run->elf, f->buf, f->size, elfk_kunit_alloc,
					    &run->mem, ELFK_RELTLS_MODID, &res, &run->log);
	KUNIT_EXPECT_EQ_MSG(test, err, 0, "log: %s", run->buf);
	if (!err) {
		expect_tls_view(test, &run->elf, ELFK_RELTLS_MODID);
		s = elfk_elf_lookup(&run->elf, "tls_gd_var");
		KUNIT_EXPECT_NOT_NULL(test, s);
		if (s)
			KUNIT_EXPECT_EQ(test, s->st_value, (u64)ELFK_RELTLS_GD_OFF);
		KUNIT_EXPECT_NULL(test, elfk_elf_lookup(&run->elf, "tls_ld_var"));
	}
	vfree(run->mem);
	elfk_elf_release(&run->elf);
}

struct rel_tls_work {
	struct work_struct work;
	struct elfk_object *obj;
	int err;
	u64 gd;
	u64 ld;
};

/* In a kworker: another task, so another block. */
static void rel_tls_work_fn(struct work_struct *work)
{
	struct rel_tls_work *w = container_of(work, struct rel_tls_work, work);
	u64 seven = 7;

	w->err = elfk_object_call(w->obj, "tls_gd_inc", NULL, 0, &w->gd) ?:
		 elfk_object_call(w->obj, "tls_ld_add", &seven, 1, &w->ld);
}

static u64 rel_tls_call(struct kunit *test, struct elfk_object *obj,
			const char *name, u64 arg)
{
	u64 ret = 0;

	KUNIT_EXPECT_EQ(test, elfk_object_call(obj, name, &arg, 1, &ret), 0);
	return ret;
}

static void elfk_rel_tls_load_call(struct kunit *test)
{
	struct elfk_object *obj;
	struct rel_tls_work *w;
	char *log;

	w = kunit_kzalloc(test, sizeof(*w), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, w);

	obj = load_fixture(test, elfk_rel_fixture_build_tls, "kunit-rel-tls", &log);
	KUNIT_EXPECT_NOT_NULL_MSG(test, strstr(log, "tls: module id"), "log: %s", log);
	KUNIT_EXPECT_NE(test, obj->elf.tls_modid, 0ULL);
	expect_tls_view(test, &obj->elf, obj->elf.tls_modid);

	KUNIT_EXPECT_EQ(test, rel_tls_call(test, obj, "tls_gd_inc", 0),
			ELFK_RELTLS_GD_INIT + 1ULL);
	KUNIT_EXPECT_EQ(test, rel_tls_call(test, obj, "tls_gd_inc", 0),
			ELFK_RELTLS_GD_INIT + 2ULL);
	KUNIT_EXPECT_EQ(test, rel_tls_call(test, obj, "tls_ld_add", 5), 5ULL);
	KUNIT_EXPECT_EQ(test, rel_tls_call(test, obj, "tls_ld_add", 3), 8ULL);
	KUNIT_EXPECT_EQ(test, elfk_tls_nr_blocks(obj), 1U);

	w->obj = obj;
	INIT_WORK(&w->work, rel_tls_work_fn);
	queue_work(system_unbound_wq, &w->work);
	flush_work(&w->work);
	KUNIT_EXPECT_EQ(test, w->err, 0);
	KUNIT_EXPECT_EQ(test, w->gd, ELFK_RELTLS_GD_INIT + 1ULL);
	KUNIT_EXPECT_EQ(test, w->ld, 7ULL);
	/* This task's block is untouched by the worker's. */
	KUNIT_EXPECT_EQ(test, rel_tls_call(test, obj, "tls_gd_inc", 0),
			ELFK_RELTLS_GD_INIT + 3ULL);
	KUNIT_EXPECT_EQ(test, rel_tls_call(test, obj, "tls_ld_add", 1), 9ULL);

	KUNIT_EXPECT_EQ(test, elfk_object_unload(obj), 0);
	elfk_object_put(obj);
}

/* ---- the IFUNC variant ---------------------------------------------------- */

static const u8 rel_endbr64[] = { 0xf3, 0x0f, 0x1e, 0xfa };

/*
 * What the relocated IFUNC variant's code will use, worked out by hand
 * from the layout (rel_fixture.h): .text at 0, pick's PLT stub right after
 * it, and every use of pick that stub.  @resolved: whether the IFUNC pass
 * has run.
 */
static void expect_ifunc_view(struct kunit *test, const struct elfk_elf *elf,
			      const struct elfk_rel_ifunc_view *v, bool resolved)
{
	u64 base = (unsigned long)elf->base;
	u64 stub = base + ELFK_RELIFN_TEXT_SIZE;
	u64 got_off;

	KUNIT_EXPECT_EQ(test, elf->nr_ifunc_relocs, 1U);
	KUNIT_EXPECT_EQ(test, v->resolver, base + ELFK_RELIFN_RESOLVE);
	KUNIT_EXPECT_EQ(test, v->impl, base + ELFK_RELIFN_IMPL);
	KUNIT_EXPECT_EQ(test, v->call, stub);
	KUNIT_EXPECT_EQ(test, v->call_prot, (u32)(ELFK_PROT_R | ELFK_PROT_X));
	KUNIT_EXPECT_EQ(test, memcmp((const void *)(unsigned long)v->call, rel_endbr64,
				     sizeof(rel_endbr64)), 0);
	KUNIT_ASSERT_NOT_NULL(test, v->pick_ptr);
	KUNIT_EXPECT_EQ(test, *v->pick_ptr, stub);
	KUNIT_ASSERT_NOT_NULL(test, v->got);
	KUNIT_EXPECT_EQ(test, *v->got, stub);
	/*
	 * The stub jumps through the slot after the canonical one.  Asserted:
	 * the callers go on to call through the stub.
	 */
	KUNIT_ASSERT_PTR_EQ(test, v->stub_slot, v->got + 1);
	KUNIT_ASSERT_EQ(test, *v->stub_slot, resolved ? base + ELFK_RELIFN_IMPL : 0);
	KUNIT_ASSERT_NOT_NULL(test, v->count);
	KUNIT_EXPECT_EQ(test, v->count_prot, (u32)(ELFK_PROT_R | ELFK_PROT_W));
	KUNIT_EXPECT_EQ(test, *v->count, resolved ? 1ULL : 0ULL);
	/* The GOT: a writable run of its own, all of it RELRO. */
	got_off = (const u8 *)v->got - elf->base;
	KUNIT_EXPECT_EQ(test, v->got_prot, (u32)(ELFK_PROT_R | ELFK_PROT_W));
	KUNIT_EXPECT_EQ(test, elf->relro_end - elf->relro_start, (u64)PAGE_SIZE);
	KUNIT_EXPECT_GE(test, got_off, elf->relro_start);
	KUNIT_EXPECT_LE(test, got_off + 16, elf->relro_end);
}

static int rel_kunit_prot(void *ctx, u64 off, u64 len, u32 prot)
{
	struct elfk_fixture_run *load = ctx;

	return elfk_arch_mem_ops.set_prot(load->elf->base + off, len, prot);
}

static void rel_kunit_flush(void *ctx)
{
	elfk_arch_mem_ops.flush();
}

/* The view of the fixture, taken once relocated, before the IFUNC pass. */
static int rel_kunit_ifunc_view(void *ctx, enum elfk_load_step done,
				struct elfk_elf *elf)
{
	struct elfk_fixture_run *load = ctx;

	if (done != ELFK_LOAD_RELOCATED)
		return 0;
	return elfk_rel_fixture_ifunc_view(elf, load->priv);
}

/*
 * The core alone: relocated, before the IFUNC pass; then a resolver
 * without ENDBR64, which the pass must refuse when checking, without
 * calling it, whether or not this CPU has IBT.  The whole load runs, with
 * page permissions as elfk_object_load() sets them, so that a pass that
 * does call it fails the test rather than the kernel.
 */
static void elfk_rel_ifunc_core(struct kunit *test)
{
	const struct elfk_resolver res = { .lookup = elfk_kunit_lookup };
	struct elfk_fixture_run load;
	struct elfk_rel_ifunc_view v;
	struct elfk_rel_fixture *f;
	struct elfk_kunit_run *run;
	int err;

	f = kunit_kzalloc(test, sizeof(*f), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, f);
	run = elfk_kunit_run_new(test);

	elfk_rel_fixture_build_ifunc(f);
	err = elfk_rel_fixture_run_core(&run->elf, f->buf, f->size, elfk_kunit_alloc, &run->mem,
					&res, &run->log) ?:
	      elfk_rel_fixture_ifunc_view(&run->elf, &v);
	KUNIT_EXPECT_EQ_MSG(test, err, 0, "log: %s", run->buf);
	if (!err)
		expect_ifunc_view(test, &run->elf, &v, false);
	vfree(run->mem);
	elfk_elf_release(&run->elf);

	/*
	 * Only the IFUNC pass checks: the branch-target check after
	 * relocation would refuse 'pick' (global) before the pass is reached.
	 */
	elfk_rel_fixture_build_ifunc(f);
	memset(f->text + ELFK_RELIFN_RESOLVE, 0x90, sizeof(rel_endbr64));
	memset(&v, 0, sizeof(v));
	elfk_fixture_env(&load, &run->elf, elfk_kunit_alloc, &run->mem, &res,
			 &run->log);
	load.env.tls_modid = 0;
	load.env.stop_after = ELFK_LOAD_ALL;
	load.env.protect = rel_kunit_prot;
	load.env.flush = rel_kunit_flush;
	load.env.check_ifunc_targets = true;
	load.env.observe = rel_kunit_ifunc_view;
	load.priv = &v;
	err = elfk_image_load(&run->elf, f->buf, f->size, &load.env);
	KUNIT_EXPECT_EQ(test, err, -EOPNOTSUPP);
	KUNIT_EXPECT_NOT_NULL_MSG(test, strstr(run->buf, ELFK_RELIFN_NO_ENDBR),
				  "log: %s", run->buf);
	KUNIT_EXPECT_NOT_NULL(test, v.count);
	KUNIT_EXPECT_NOT_NULL(test, v.stub_slot);
	if (v.count && v.stub_slot) {
		KUNIT_EXPECT_EQ(test, *v.count, 0ULL);
		KUNIT_EXPECT_EQ(test, *v.stub_slot, 0ULL);
	}
	if (!run->mem)
		goto out;
	/*
	 * As elfk_object_unprotect(): vfree() gets the mapping vmalloc made,
	 * or the pages are leaked rather than freed executable.
	 */
	err = elfk_arch_mem_ops.set_prot(run->mem, run->elf.vsize, ELFK_PROT_R | ELFK_PROT_W);
	elfk_arch_mem_ops.flush();
	KUNIT_EXPECT_EQ(test, err, 0);
	if (err)
		run->mem = NULL;
out:
	vfree(run->mem);
	elfk_elf_release(&run->elf);
}

/* Loaded through elfk_object_load(): the pass ran, then RELRO went read-only. */
static void elfk_rel_ifunc_load_call(struct kunit *test)
{
	struct elfk_rel_ifunc_view v;
	struct elfk_object *obj;
	u64 ret = 0, stub;
	char *log;

	obj = load_fixture(test, elfk_rel_fixture_build_ifunc, "kunit-rel-ifunc", &log);
	KUNIT_EXPECT_NOT_NULL_MSG(test, strstr(log, "1 IFUNC resolvers called"), "log: %s", log);
	KUNIT_ASSERT_EQ(test, elfk_rel_fixture_ifunc_view(&obj->elf, &v), 0);
	expect_ifunc_view(test, &obj->elf, &v, true);
	stub = (unsigned long)obj->elf.base + ELFK_RELIFN_TEXT_SIZE;
	/* The page tables: the GOT read-only now, .data still writable. */
	KUNIT_EXPECT_EQ(test, elfk_arch_mem_ops.get_prot(v.got), ELFK_PROT_R);
	KUNIT_EXPECT_EQ(test, elfk_arch_mem_ops.get_prot(v.count), ELFK_PROT_R | ELFK_PROT_W);
	KUNIT_EXPECT_EQ(test, elfk_arch_mem_ops.get_prot((void *)(unsigned long)stub),
			ELFK_PROT_R | ELFK_PROT_X);

	KUNIT_EXPECT_EQ(test, elfk_object_call(obj, "call_pick", NULL, 0, &ret), 0);
	KUNIT_EXPECT_EQ(test, ret, (u64)ELFK_RELIFN_VALUE);
	KUNIT_EXPECT_EQ(test, elfk_object_call(obj, "call_pick", NULL, 0, &ret), 0);
	KUNIT_EXPECT_EQ(test, ret, (u64)ELFK_RELIFN_VALUE);
	KUNIT_EXPECT_EQ(test, *v.count, 1ULL);
	KUNIT_EXPECT_EQ(test, elfk_object_call(obj, "addr_pick", NULL, 0, &ret), 0);
	KUNIT_EXPECT_EQ(test, ret, stub);
	KUNIT_EXPECT_EQ(test, ret, *v.pick_ptr);
	/* An IFUNC is not an STT_FUNC: not callable by name. */
	KUNIT_EXPECT_EQ(test, elfk_object_call(obj, "pick", NULL, 0, &ret), -ENOENT);
	KUNIT_EXPECT_EQ(test, elfk_object_unload(obj), 0);
	elfk_object_put(obj);
}

static struct kunit_case elfk_rel_cases[] = {
	KUNIT_CASE_PARAM(elfk_rel_fixture_case, rel_case_gen_params),
	KUNIT_CASE(elfk_rel_load_call),
	KUNIT_CASE(elfk_rel_tls_core),
	KUNIT_CASE(elfk_rel_tls_load_call),
	KUNIT_CASE(elfk_rel_ifunc_core),
	KUNIT_CASE(elfk_rel_ifunc_load_call),
	{}
};

static struct kunit_suite elfk_rel_suite = {
	.name = "elfk_rel",
	.test_cases = elfk_rel_cases,
};

kunit_test_suites(&elfk_rel_suite);
