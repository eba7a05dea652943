// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the verified-mode verifier (arch/x86_64/verify.c) on the same
 * corpus the host runs (tools/testing/verify, copied into
 * kunit/verify_corpus.h, whose freshness the host check enforces): every
 * escape refused citing its rule, every accepted program accepted, in the
 * kernel build of the verifier.
 */
#include <kunit/test.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "../arch/x86_64/verify.h"

struct verify_case {
	const char *name;
	const char *rule;
	const u8 *code;
	unsigned int len;
};

#include "verify_corpus.h"

/* The window of tools/testing/verify/sandbox.inc. */
static const struct elfk_verify_cfg verify_kunit_cfg = {
	.window_bits = 24,
	.code_bits = 20,
	.guard = 1 << 20,
	.code_off = 0x1000,
	.tramp_entries = 128,
};

static void verify_case_desc(const struct verify_case *c, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s", c->name);
}

KUNIT_ARRAY_PARAM(verify_corpus, verify_cases, verify_case_desc);

static void elfk_verify_corpus(struct kunit *test)
{
	const struct verify_case *c = test->param_value;
	struct elfk_log log;
	char want[32];
	char *buf;
	int err;

	buf = kunit_kzalloc(test, 1024, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	elfk_log_init(&log, buf, 1024, ELFK_LOG_LEVEL_ERROR);
	err = elfk_x86_verify(c->code, c->len, &verify_kunit_cfg, NULL, &log);
	if (!strcmp(c->rule, "ok")) {
		KUNIT_EXPECT_EQ_MSG(test, err, 0, "%s: %s", c->name, buf);
		return;
	}
	snprintf(want, sizeof(want), "rule %s:", c->rule);
	KUNIT_EXPECT_NE_MSG(test, err, 0, "%s accepted", c->name);
	KUNIT_EXPECT_NOT_NULL_MSG(test, strstr(buf, want), "%s: want %s, log: %s",
				  c->name, want, buf);
}

static struct kunit_case elfk_verify_cases[] = {
	KUNIT_CASE_PARAM(elfk_verify_corpus, verify_corpus_gen_params),
	{}
};

static struct kunit_suite elfk_verify_suite = {
	.name = "elfk_verify",
	.test_cases = elfk_verify_cases,
};

kunit_test_suites(&elfk_verify_suite);
