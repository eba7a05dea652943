// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit cases for elfk's load policy (elfk/policy.c) and the owner rule of
 * elfk_symtab_register(): the LSM hooks see LOADING_MODULE and the image,
 * and their refusals reach the caller; signature trailers in
 * scripts/sign-file's layout are split, malformed ones refused.  Signed,
 * unsigned and wrong-key images in real keyrings are tested in the guest
 * (tools/testing/guest/run-signed.sh).
 */
#include <kunit/test.h>
#include <linux/module.h>
#include <linux/module_signature.h>
#include <linux/security.h>
#include <linux/string.h>

#include "../elfk/internal.h"

/* ---- elfk_symtab_register() ------------------------------------------------ */

static int policy_kunit_target(void)
{
	return 1;
}

static void elfk_policy_symtab_owner(struct kunit *test)
{
	struct elfk_symbol syms[] = { ELFK_SYMBOL(policy_kunit_target) };
	struct elfk_symtab tab = { .syms = syms, .nr_syms = ARRAY_SIZE(syms) };
	int err;

	/* Objects bound to a table pin its owner: no owner, nothing to pin. */
	err = elfk_symtab_register(&tab);
	if (!err)
		elfk_symtab_unregister(&tab); /* it lives on this stack */
	KUNIT_EXPECT_EQ(test, err, -EINVAL);
	tab.owner = THIS_MODULE;
	KUNIT_ASSERT_EQ(test, elfk_symtab_register(&tab), 0);
	elfk_symtab_unregister(&tab);
}

/* ---- LSM hooks ------------------------------------------------------------- */

/* What the stand-in hooks saw, in call order. */
static struct {
	int calls;
	int load_data_at, post_load_at;
	enum kernel_load_data_id id, post_id;
	bool contents;
	char *buf;
	loff_t size;
	char desc[16];
	int refuse;
} seen;

static int fake_load_data(enum kernel_load_data_id id, bool contents)
{
	seen.load_data_at = ++seen.calls;
	seen.id = id;
	seen.contents = contents;
	return seen.refuse;
}

static int fake_post_load_data(char *buf, loff_t size,
			       enum kernel_load_data_id id, char *description)
{
	seen.post_load_at = ++seen.calls;
	seen.buf = buf;
	seen.size = size;
	seen.post_id = id;
	strscpy(seen.desc, description, sizeof(seen.desc));
	return seen.refuse;
}

static const struct elfk_policy_lsm fake_lsm = {
	.load_data = fake_load_data,
	.post_load_data = fake_post_load_data,
};

static int policy_lsm_init(struct kunit *test)
{
	memset(&seen, 0, sizeof(seen));
	WRITE_ONCE(elfk_policy_test_lsm, &fake_lsm);
	return 0;
}

static void policy_lsm_exit(struct kunit *test)
{
	WRITE_ONCE(elfk_policy_test_lsm, NULL);
}

/* The calls the ioctl makes around its copy, with init_module()'s ids. */
static void elfk_policy_lsm_hooks(struct kunit *test)
{
	char image[32] = "\177ELF";
	char buf[256] = "";
	struct elfk_log log;

	elfk_log_init(&log, buf, sizeof(buf), ELFK_LOG_LEVEL_VERBOSE);
	KUNIT_ASSERT_EQ(test, elfk_policy_load_data(&log), 0);
	KUNIT_ASSERT_EQ(test, elfk_policy_post_load_data(image, sizeof(image), &log), 0);
	KUNIT_EXPECT_EQ(test, seen.load_data_at, 1);
	KUNIT_EXPECT_EQ(test, seen.post_load_at, 2);
	KUNIT_EXPECT_EQ(test, seen.id, LOADING_MODULE);
	KUNIT_EXPECT_TRUE(test, seen.contents);
	KUNIT_EXPECT_EQ(test, seen.post_id, LOADING_MODULE);
	KUNIT_EXPECT_PTR_EQ(test, seen.buf, &image[0]);
	KUNIT_EXPECT_EQ(test, seen.size, (loff_t)sizeof(image));
	KUNIT_EXPECT_STREQ(test, seen.desc, "elfk");
	KUNIT_EXPECT_STREQ(test, buf, "");
}

/* An LSM's refusal is the caller's errno, with the hook named in the log. */
static void elfk_policy_lsm_refusal(struct kunit *test)
{
	char image[8] = "";
	char buf[256] = "";
	struct elfk_log log;

	seen.refuse = -EACCES;
	elfk_log_init(&log, buf, sizeof(buf), ELFK_LOG_LEVEL_ERROR);
	KUNIT_EXPECT_EQ(test, elfk_policy_load_data(&log), -EACCES);
	KUNIT_EXPECT_NOT_NULL(test, strstr(buf, "kernel_load_data hook"));
	KUNIT_EXPECT_EQ(test, elfk_policy_post_load_data(image, sizeof(image), &log),
			-EACCES);
	KUNIT_EXPECT_NOT_NULL(test, strstr(buf, "kernel_post_load_data hook"));
}

/* ---- signature trailers ---------------------------------------------------- */

#define MARKER MODULE_SIG_STRING
#define MARKER_LEN (sizeof(MODULE_SIG_STRING) - 1)

/*
 * Each row is built as scripts/sign-file lays a signed module out: @content
 * bytes of content, @sig bytes standing for the PKCS#7 message, then a
 * struct module_signature (sig_len = @sig_len_field, id_type = @id_type,
 * algo = @algo), then the marker; @marker false leaves the marker off.
 */
struct sig_case {
	const char *desc;
	size_t content, sig;
	u32 sig_len_field;
	u8 id_type, algo;
	bool marker;
	int err;
	const char *log;
};

static const struct sig_case sig_cases[] = {
	{ "well formed", 100, 40, 40, PKEY_ID_PKCS7, 0, true, 0, "" },
	{ "no marker", 100, 40, 40, PKEY_ID_PKCS7, 0, false, -ENODATA, "" },
	{ "sig_len covers everything", 0, 40, 40, PKEY_ID_PKCS7, 0, true,
	  -EBADMSG, "leaves no signed content" },
	{ "sig_len past the start", 10, 40, 4000, PKEY_ID_PKCS7, 0, true,
	  -EBADMSG, "leaves no signed content" },
	{ "not PKCS#7", 100, 40, 40, 0, 0, true, -ENOPKG, "only PKCS#7" },
	{ "non-zero algo", 100, 40, 40, PKEY_ID_PKCS7, 1, true, -EBADMSG,
	  "must be 0 for PKCS#7" },
};

static void sig_case_to_desc(const struct sig_case *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(sig_case, sig_cases, sig_case_to_desc);

static void elfk_policy_sig_split(struct kunit *test)
{
	const struct sig_case *c = test->param_value;
	struct module_signature ms = {
		.id_type = c->id_type,
		.algo = c->algo,
		.sig_len = cpu_to_be32(c->sig_len_field),
	};
	size_t total = c->content + c->sig + sizeof(ms) + MARKER_LEN;
	const void *sig = NULL;
	size_t len = total, sig_len = 0;
	char buf[256] = "";
	struct elfk_log log;
	u8 *image;

	image = kunit_kzalloc(test, total, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, image);
	memset(image + c->content, 0x30, c->sig);
	memcpy(image + c->content + c->sig, &ms, sizeof(ms));
	if (c->marker)
		memcpy(image + total - MARKER_LEN, MARKER, MARKER_LEN);
	elfk_log_init(&log, buf, sizeof(buf), ELFK_LOG_LEVEL_ERROR);

	KUNIT_EXPECT_EQ(test, elfk_sig_split(image, &len, &sig, &sig_len, &log),
			c->err);
	KUNIT_EXPECT_NOT_NULL_MSG(test, strstr(buf, c->log), "log: %s", buf);
	if (c->err == -ENODATA)
		KUNIT_EXPECT_EQ(test, len, total);
	if (c->err)
		return;
	KUNIT_EXPECT_EQ(test, len, c->content);
	KUNIT_EXPECT_PTR_EQ(test, sig, (const void *)(image + c->content));
	KUNIT_EXPECT_EQ(test, sig_len, c->sig);
}

/*
 * A trailer whose PKCS#7 message is garbage is refused whatever the
 * policy, as module_sig_check() refuses it even without sig_enforce.
 */
static void elfk_policy_bad_signature_always_refused(struct kunit *test)
{
	struct module_signature ms = {
		.id_type = PKEY_ID_PKCS7,
		.sig_len = cpu_to_be32(40),
	};
	size_t total = 100 + 40 + sizeof(ms) + MARKER_LEN, len = total;
	char buf[256] = "";
	struct elfk_log log;
	u8 *image;

	if (!IS_ENABLED(CONFIG_SYSTEM_DATA_VERIFICATION))
		kunit_skip(test, "no CONFIG_SYSTEM_DATA_VERIFICATION");
	image = kunit_kzalloc(test, total, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, image);
	memset(image + 100, 0x30, 40);
	memcpy(image + 140, &ms, sizeof(ms));
	memcpy(image + total - MARKER_LEN, MARKER, MARKER_LEN);
	elfk_log_init(&log, buf, sizeof(buf), ELFK_LOG_LEVEL_ERROR);

	KUNIT_EXPECT_EQ(test, elfk_policy_check_image(image, &len, &log),
			-EBADMSG);
	KUNIT_EXPECT_NOT_NULL_MSG(test, strstr(buf, "malformed PKCS#7 signature"),
				  "log: %s", buf);
}

static struct kunit_case elfk_policy_cases[] = {
	KUNIT_CASE(elfk_policy_symtab_owner),
	KUNIT_CASE_PARAM(elfk_policy_sig_split, sig_case_gen_params),
	KUNIT_CASE(elfk_policy_bad_signature_always_refused),
	{}
};

static struct kunit_suite elfk_policy_suite = {
	.name = "elfk_policy",
	.test_cases = elfk_policy_cases,
};

static struct kunit_case elfk_policy_lsm_cases[] = {
	KUNIT_CASE(elfk_policy_lsm_hooks),
	KUNIT_CASE(elfk_policy_lsm_refusal),
	{}
};

static struct kunit_suite elfk_policy_lsm_suite = {
	.name = "elfk_policy_lsm",
	.init = policy_lsm_init,
	.exit = policy_lsm_exit,
	.test_cases = elfk_policy_lsm_cases,
};

kunit_test_suites(&elfk_policy_suite, &elfk_policy_lsm_suite);
