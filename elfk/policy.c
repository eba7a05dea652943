// SPDX-License-Identifier: GPL-2.0
/*
 * Who may load what: elfk's counterparts of the gates init_module() passes
 * (kernel/module/main.c, kernel/module/signing.c).
 *
 * - Capabilities: CAP_SYS_ADMIN and CAP_SYS_MODULE for every command.
 * - The one-way "locked" parameter: elfk's kernel.modules_disabled.
 * - The LSM hooks for data loaded from memory, with LOADING_MODULE.
 * - Appended PKCS#7 signatures in scripts/sign-file's module format,
 *   required when the kernel enforces module signatures, is locked down,
 *   or the one-way "require_signature" parameter is set.
 *
 * Documentation/threat-model.rst describes each gate and how it is tested.
 */
#include <linux/capability.h>
#include <linux/err.h>
#include <linux/module.h>
#include <linux/module_signature.h>
#include <linux/moduleparam.h>
#include <linux/security.h>
#include <linux/string.h>
#include <linux/verification.h>
#include <kunit/visibility.h>

#include "internal.h"

/*
 * Both switches only go from off to on, like kernel.modules_disabled: a
 * root process that is compromised later cannot turn them back off, and
 * the only way back is a reboot (or unloading elfk, which refuses while
 * objects are loaded).
 */
static bool elfk_locked;
static bool elfk_require_signature;

static int param_set_one_way(const char *val, const struct kernel_param *kp)
{
	bool *flag = kp->arg;
	bool on;
	int err;

	err = kstrtobool(val, &on);
	if (err)
		return err;
	if (READ_ONCE(*flag) && !on)
		return -EPERM;
	WRITE_ONCE(*flag, on);
	return 0;
}

static const struct kernel_param_ops one_way_ops = {
	.set = param_set_one_way,
	.get = param_get_bool,
};

/*
 * Verified mode (Documentation/verified-mode.rst, P1-P3): when set, only
 * ELFK_LOAD_VERIFIED loads pass; one-way like the others.
 */
bool elfk_require_verified;

module_param_cb(locked, &one_way_ops, &elfk_locked, 0644);
MODULE_PARM_DESC(locked,
		 "Refuse every further load, until reboot (one-way: 0 -> 1 only; set it with kernel.modules_disabled)");
module_param_cb(require_signature, &one_way_ops, &elfk_require_signature,
		0644);
MODULE_PARM_DESC(require_signature,
		 "Refuse images without a valid appended signature (one-way: 0 -> 1 only)");
module_param_cb(require_verified, &one_way_ops, &elfk_require_verified, 0644);
MODULE_PARM_DESC(require_verified,
		 "Refuse every load that is not ELFK_LOAD_VERIFIED, until reboot (one-way: 0 -> 1 only)");

/**
 * elfk_policy_capable() - may the current task use /dev/elfload at all
 *
 * Return: true if the task has both CAP_SYS_ADMIN and CAP_SYS_MODULE.
 */
bool elfk_policy_capable(void)
{
	/*
	 * init_module() and delete_module() need CAP_SYS_MODULE and elfk's
	 * device has always needed CAP_SYS_ADMIN.  Every command needs both:
	 * LOAD, UNLOAD and CALL add, remove or run ring-0 code, INFO and SYM
	 * describe it.
	 */
	return capable(CAP_SYS_ADMIN) && capable(CAP_SYS_MODULE);
}

/* ---- LSM hooks for data loaded from memory -------------------------------- */

#if IS_ENABLED(CONFIG_KUNIT)
/* Set by the KUnit suite only, while it runs; NULL means the real hooks. */
VISIBLE_IF_KUNIT const struct elfk_policy_lsm *elfk_policy_test_lsm;
EXPORT_SYMBOL_IF_KUNIT(elfk_policy_test_lsm);
#define test_lsm() READ_ONCE(elfk_policy_test_lsm)
#else
#define test_lsm() ((const struct elfk_policy_lsm *)NULL)
#endif

/**
 * elfk_policy_load_data() - the LSM hook init_module() runs before its copy
 * @log: where a refusal is explained
 *
 * IMA, LoadPin and other LSMs see an elfk image exactly as they see a
 * module loaded with init_module(): LOADING_MODULE, contents to follow.
 *
 * Return: 0, or the LSM's errno (logged).
 */
int elfk_policy_load_data(struct elfk_log *log)
{
	const struct elfk_policy_lsm *t = test_lsm();
	int err;

	err = t ? t->load_data(LOADING_MODULE, true) :
		  security_kernel_load_data(LOADING_MODULE, true);
	if (err)
		return elfk_reject(log, err,
				   "a security module refused the load (kernel_load_data hook, LOADING_MODULE): error %d",
				   err);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(elfk_policy_load_data);

/**
 * elfk_policy_post_load_data() - the LSM hook init_module() runs on its copy
 * @image: the copied image, signature included
 * @len: its length
 * @log: where a refusal is explained
 *
 * Return: 0, or the LSM's errno (logged).
 */
int elfk_policy_post_load_data(void *image, size_t len, struct elfk_log *log)
{
	const struct elfk_policy_lsm *t = test_lsm();
	int err;

	err = t ? t->post_load_data(image, len, LOADING_MODULE, "elfk") :
		  security_kernel_post_load_data(image, len, LOADING_MODULE,
						 "elfk");
	if (err)
		return elfk_reject(log, err,
				   "a security module refused the image (kernel_post_load_data hook, LOADING_MODULE): error %d",
				   err);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(elfk_policy_post_load_data);

/* ---- appended signatures --------------------------------------------------- */

/**
 * elfk_sig_split() - find scripts/sign-file's trailer at the end of an image
 * @image: the image
 * @len: its length; on return, the length of the part the signature covers
 *       (the marker is dropped even when the trailer is then refused, as
 *       module_sig_check() does)
 * @sig: on success, the PKCS#7 message
 * @sig_len: on success, its length
 * @log: where a malformed trailer is explained
 *
 * The layout (scripts/sign-file.c, kernel/module_signature.c): content,
 * PKCS#7 DER message, struct module_signature with only id_type and the
 * big-endian sig_len set, then MODULE_SIG_STRING.
 *
 * Return: 0, -ENODATA if there is no marker (not logged), -EBADMSG for a
 * malformed trailer or -ENOPKG for a signature that is not PKCS#7 (logged).
 */
VISIBLE_IF_KUNIT int elfk_sig_split(const void *image, size_t *len,
				    const void **sig, size_t *sig_len,
				    struct elfk_log *log)
{
	const size_t markerlen = sizeof(MODULE_SIG_STRING) - 1;
	struct module_signature ms;
	size_t n = *len, slen;

	if (n <= markerlen ||
	    memcmp(image + n - markerlen, MODULE_SIG_STRING, markerlen))
		return -ENODATA;
	n -= markerlen;
	*len = n;
	if (n <= sizeof(ms))
		return elfk_reject(log, -EBADMSG,
				   "signature trailer: %zu bytes before the signature marker, need more than the %zu of struct module_signature",
				   n, sizeof(ms));
	memcpy(&ms, image + n - sizeof(ms), sizeof(ms));
	n -= sizeof(ms);
	slen = be32_to_cpu(ms.sig_len);
	if (slen >= n)
		return elfk_reject(log, -EBADMSG,
				   "signature trailer: sig_len %zu leaves no signed content (%zu bytes precede struct module_signature)",
				   slen, n);
	if (ms.id_type != PKEY_ID_PKCS7)
		return elfk_reject(log, -ENOPKG,
				   "signature trailer: id_type %u, only PKCS#7 (%u) is supported",
				   ms.id_type, PKEY_ID_PKCS7);
	if (ms.algo || ms.hash || ms.signer_len || ms.key_id_len ||
	    ms.__pad[0] || ms.__pad[1] || ms.__pad[2])
		return elfk_reject(log, -EBADMSG,
				   "signature trailer: algo, hash, signer_len, key_id_len and padding must be 0 for PKCS#7");
	*len = n - slen;
	*sig = image + *len;
	*sig_len = slen;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(elfk_sig_split);

static const char *verify_error(int err)
{
	switch (err) {
	case -ENOKEY:
		return "key not trusted (not in the secondary or platform keyring)";
	case -EKEYREJECTED:
		return "signature rejected: image tampered with, or key blacklisted";
	case -EBADMSG:
		return "malformed PKCS#7 signature";
	case -ENOPKG:
		return "the signature uses a hash or key algorithm this kernel lacks";
	case -EKEYEXPIRED:
		return "the signing key has expired";
	case -ENOMEM:
		return "out of memory while verifying";
	default:
		return "verification failed";
	}
}

/*
 * Check the signature, as mod_verify_sig() does: secondary trusted keyring
 * (which includes the builtin one and, on distributions, the machine/MOK
 * keyring), then the platform keyring when the key was unknown.
 */
static int elfk_sig_verify(const void *image, size_t *len, struct elfk_log *log)
{
	const void *sig;
	size_t sig_len;
	int err;

	err = elfk_sig_split(image, len, &sig, &sig_len, log);
	if (err)
		return err;
#if IS_ENABLED(CONFIG_SYSTEM_DATA_VERIFICATION)
	err = verify_pkcs7_signature(image, *len, sig, sig_len,
				     VERIFY_USE_SECONDARY_KEYRING,
				     VERIFYING_MODULE_SIGNATURE, NULL, NULL);
	if (err == -ENOKEY && IS_ENABLED(CONFIG_INTEGRITY_PLATFORM_KEYRING))
		err = verify_pkcs7_signature(image, *len, sig, sig_len,
					     VERIFY_USE_PLATFORM_KEYRING,
					     VERIFYING_MODULE_SIGNATURE,
					     NULL, NULL);
#else
	err = -ENOPKG;
#endif
	if (err)
		elfk_log_err(log, "signature: %s (error %d)",
			     IS_ENABLED(CONFIG_SYSTEM_DATA_VERIFICATION) ?
			     verify_error(err) :
			     "this kernel cannot verify signatures (no CONFIG_SYSTEM_DATA_VERIFICATION)",
			     err);
	return err;
}

/**
 * elfk_policy_check_image() - the gates every image passes before parsing
 * @image: the image, possibly with a signature appended
 * @len: its length; on return, the length of the ELF image proper
 * @log: where a refusal is explained
 *
 * Mirrors module_sig_check(): a valid signature passes; a missing one, one
 * that is not PKCS#7 (-ENOPKG) or one by an unknown key (-ENOKEY) passes
 * only when nothing requires signatures (module.sig_enforce, lockdown,
 * require_signature); any other failure (tampered image, malformed
 * trailer or message) is refused even then.
 *
 * Context: process context; may sleep.
 * Return: 0, -EPERM when elfk is locked or the kernel is locked down,
 * -EKEYREJECTED when signatures are required, or the verification errno.
 */
int elfk_policy_check_image(const void *image, size_t *len,
			    struct elfk_log *log)
{
	const char *why;
	int err;

	if (READ_ONCE(elfk_locked))
		return elfk_reject(log, -EPERM,
				   "elfk is locked (its 'locked' parameter is 1): it loads nothing more until reboot, like kernel.modules_disabled=1");

	err = elfk_sig_verify(image, len, log);
	switch (err) {
	case 0:
		elfk_log_verbose(log, "signature verified: %zu signed bytes",
				 *len);
		return 0;
	case -ENODATA:
		why = "the image is not signed";
		break;
	case -ENOPKG:
	case -ENOKEY:
		why = "the image's signature cannot be checked";
		break;
	default:
		return err;
	}

	if (is_module_sig_enforced())
		return elfk_reject(log, -EKEYREJECTED,
				   "%s, and the kernel enforces module signatures (module.sig_enforce)",
				   why);
	if (READ_ONCE(elfk_require_signature))
		return elfk_reject(log, -EKEYREJECTED,
				   "%s, and elfk requires signatures (its 'require_signature' parameter is 1)",
				   why);
	err = security_locked_down(LOCKDOWN_MODULE_SIGNATURE);
	if (err)
		return elfk_reject(log, err,
				   "%s, and the kernel is locked down: only signed images load (error %d)",
				   why, err);
	elfk_log_verbose(log, "%s; loading it, since no signature is required",
			 why);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(elfk_policy_check_image);
