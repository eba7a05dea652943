// SPDX-License-Identifier: GPL-2.0
/*
 * The IFUNC pass, one for both formats.  An IFUNC's value is what its
 * resolver returns, so the resolver must run in the loading task once the
 * object's text is executable and the data it completes (often in RELRO,
 * or ET_REL's GOT) is still writable: elfk_image_load() calls this between
 * two permission walks.  The format says which IFUNCs it deferred and
 * where each result goes (next_ifunc, set_ifunc); the checks, the call
 * and the messages are here.
 */
#include "bind.h"

typedef u64 (*elfk_ifunc_resolver_fn)(void);

/* Refuse @it: @err is elfk_bind_resolver_ok()'s. */
static int refuse(const struct elfk_elf *elf, const struct elfk_arch_ops *arch,
		  const struct elfk_ifunc *it, int err, struct elfk_log *log)
{
	unsigned long long at = it->resolver;

	/* The main pass checked this: it can only fail on a broken format. */
	if (err == -ENOEXEC && it->name)
		return elfk_reject(log, -ENOEXEC,
				   "IFUNC '%s': resolver at 0x%llx is outside %s",
				   it->name, at, elfk_elf_fmt(elf)->text_name);
	if (err == -ENOEXEC)
		return elfk_reject(log, -ENOEXEC,
				   "%s[%llu]: IFUNC resolver at 0x%llx is outside %s",
				   it->r.table, (unsigned long long)it->r.index,
				   at, elfk_elf_fmt(elf)->text_name);
	if (it->name)
		return elfk_reject(log, -EOPNOTSUPP,
				   "IFUNC '%s': resolver at 0x%llx does not start with %s",
				   it->name, at, arch->branch_target_name);
	return elfk_reject(log, -EOPNOTSUPP,
			   "%s[%llu]: IFUNC resolver at 0x%llx does not start with %s",
			   it->r.table, (unsigned long long)it->r.index, at,
			   arch->branch_target_name);
}

/**
 * elfk_reloc_apply_ifuncs() - the IFUNC pass
 * @elf: the object, relocated by elfk_reloc_apply()
 * @arch: the architecture
 * @res: the same resolver
 * @check_targets: refuse resolvers that are not valid indirect branch
 *                 targets (the CPU enforces them)
 * @log: the log
 *
 * The object's text must be executable and its relocated data still
 * writable: each resolver is called, in the loading task, and its result
 * written.
 *
 * Return: 0, -ENOEXEC (a resolver outside the object's text),
 * -EOPNOTSUPP (not a branch target under @check_targets) or the format's
 * errno.
 */
int elfk_reloc_apply_ifuncs(struct elfk_elf *elf,
			    const struct elfk_arch_ops *arch,
			    const struct elfk_resolver *res, bool check_targets,
			    struct elfk_log *log)
{
	const struct elfk_format_ops *fmt = elfk_elf_fmt(elf);
	struct elfk_ifunc it = { 0 };
	elfk_ifunc_resolver_fn fn;
	int ret, err;

	if (!elf->nr_ifunc_relocs)
		return 0;
	while ((ret = fmt->next_ifunc(elf, arch, res, &it, log)) > 0) {
		err = elfk_bind_resolver_ok(elf, arch, it.resolver,
					    check_targets);
		if (err)
			return refuse(elf, arch, &it, err, log);
		fn = (elfk_ifunc_resolver_fn)(unsigned long)
		     elfk_elf_run_ptr(elf, it.resolver);
		err = fmt->set_ifunc(elf, arch, &it, fn(), log);
		if (err)
			return err;
	}
	if (ret < 0)
		return ret;
	elfk_log_verbose(log, "relocate: %u IFUNC resolvers called",
			 elf->nr_ifunc_relocs);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(elfk_reloc_apply_ifuncs);
