// SPDX-License-Identifier: GPL-2.0
/*
 * The binding rules, once for both formats and for dependencies: a local
 * symbol never binds outside its object, an absolute symbol is its value,
 * a weak undefined one is 0, a TLS reference binds only to a TLS
 * definition (and back) inside its block, an IFUNC resolver lies in the
 * text (and is an indirect branch target where the CPU enforces them),
 * and a versioned reference binds only to that version.
 */
#include "bind.h"

/**
 * elfk_bind_tls_fits() - whether a TLS symbol lies inside its block
 * @elf: the object defining it
 * @s: an STT_TLS definition (its value is its offset in the block)
 *
 * Return: true when [value, value + size) is inside the object's TLS
 * block, so an access through it stays in the block the kernel allocates
 * (p_memsz bytes).
 */
bool elfk_bind_tls_fits(const struct elfk_elf *elf, const struct elfk_bind_sym *s)
{
	u64 end;

	return elf->has_tls && !s->abs &&
	       !check_add_overflow(s->value, s->size, &end) &&
	       end <= elf->tls.memsz;
}

/**
 * elfk_bind_defined() - the value of a definition of @elf
 * @elf: the object defining @s, placed
 * @s: the definition
 * @table: the relocation table, for messages
 * @index: the relocation's index in @table, for messages
 * @value: where the value goes
 * @log: the log (may be NULL)
 *
 * Return: an enum elfk_bind_kind, or -ENOEXEC (an IFUNC resolver outside
 * the text, a TLS symbol outside the block).
 */
int elfk_bind_defined(const struct elfk_elf *elf, const struct elfk_bind_sym *s,
		      const char *table, u64 index, u64 *value,
		      struct elfk_log *log)
{
	u64 bias = elfk_elf_bias(elf);

	if (s->type == STT_GNU_IFUNC) {
		/* The value is the resolver for now; the IFUNC pass calls it. */
		if (s->abs || !elfk_elf_is_text(elf, s->value))
			return elfk_reject(log, -ENOEXEC,
					   "%s[%llu]: IFUNC '%s' resolver at 0x%llx is outside the executable segments",
					   table, (unsigned long long)index,
					   s->name, (unsigned long long)s->value);
		*value = s->value + bias;
		return ELFK_BIND_IFUNC;
	}
	if (s->abs) {
		*value = s->value;
		return ELFK_BIND_ABS;
	}
	if (s->type == STT_TLS) {
		/* Checked when the object was parsed, checked again: cheap. */
		if (!elfk_bind_tls_fits(elf, s))
			return elfk_reject(log, -ENOEXEC,
					   "%s[%llu]: TLS symbol '%s' at 0x%llx is outside PT_TLS",
					   table, (unsigned long long)index,
					   s->name, (unsigned long long)s->value);
		*value = s->value;
		return ELFK_BIND_TLS;
	}
	*value = s->value + bias;
	return ELFK_BIND_ADDR;
}

/**
 * elfk_bind_lookup() - ask the resolver for an undefined symbol
 * @res: the resolver
 * @s: the reference
 * @found: what it found
 *
 * The name's GNU hash is computed here once and handed to a resolver that
 * takes it (@res->lookup_key).  A resolver without versions knows no TLS
 * blocks: a TLS reference is then not found.
 *
 * Return: 0, -ENOENT (not found) or the resolver's errno.
 */
int elfk_bind_lookup(const struct elfk_resolver *res,
		     const struct elfk_bind_sym *s, struct elfk_sym_result *found)
{
	if (res->lookup_key) {
		/* Hashed here, once: every object of the scope reuses it. */
		const struct elfk_sym_key key = {
			.name = s->name, .hash = elfk_gnu_hash(s->name),
			.version = s->version, .file = s->file, .type = s->type,
		};

		return res->lookup_key(res->ctx, &key, found);
	}
	if (res->lookup_version)
		return res->lookup_version(res->ctx, s->name, s->version,
					   s->file, s->type, found);
	if (s->type == STT_TLS)
		return -ENOENT;
	return res->lookup(res->ctx, s->name, &found->value);
}

/**
 * elfk_bind_undefined() - bind an undefined symbol through the resolver
 * @res: the resolver
 * @s: the reference (not defined)
 * @table: the relocation table, for messages
 * @index: the relocation's index in @table, for messages
 * @found: the value and TLS module id found (both 0 for a missing weak
 *         symbol)
 * @log: the log
 *
 * Return: 0, ELFK_BIND_MISSING (a weak symbol nobody defines), -ENOEXEC
 * (an undefined local symbol), -ENOENT (a missing symbol that is not weak,
 * or a missing version) or the resolver's errno.
 */
int elfk_bind_undefined(const struct elfk_resolver *res,
			const struct elfk_bind_sym *s, const char *table,
			u64 index, struct elfk_sym_result *found,
			struct elfk_log *log)
{
	int err;

	*found = (struct elfk_sym_result) { 0 };
	if (s->bind == STB_LOCAL)
		return elfk_reject(log, -ENOEXEC,
				   "%s[%llu]: local symbol '%s' is undefined",
				   table, (unsigned long long)index, s->name);
	err = elfk_bind_lookup(res, s, found);
	if (err == -ENOENT && s->bind == STB_WEAK) {
		*found = (struct elfk_sym_result) { 0 };
		return ELFK_BIND_MISSING;
	}
	if (err == -ENOENT && s->version &&
	    (res->lookup_version || res->lookup_key))
		return elfk_reject(log, -ENOENT,
				   "undefined symbol '%s' version '%s' (from %s)",
				   s->name, s->version, s->file);
	if (err == -ENOENT)
		return elfk_reject(log, -ENOENT, "undefined symbol '%s'", s->name);
	if (err)
		return elfk_reject(log, err, "symbol '%s' could not be resolved (%d)",
				   s->name, err);
	return 0;
}

/**
 * elfk_bind_resolver_ok() - whether the loader may call an IFUNC resolver
 * @elf: the object defining it, placed and executable
 * @arch: the architecture
 * @vaddr: the resolver's link-time address
 * @check_targets: it must be an indirect branch target (the CPU enforces
 *                 them)
 *
 * Return: 0, -ENOEXEC (not in an executable segment) or -EOPNOTSUPP (not
 * a branch target).
 */
int elfk_bind_resolver_ok(const struct elfk_elf *elf,
			  const struct elfk_arch_ops *arch, u64 vaddr,
			  bool check_targets)
{
	u64 left = elfk_elf_text_left(elf, vaddr);

	if (!left)
		return -ENOEXEC;
	if (check_targets &&
	    !arch->branch_target(elfk_elf_ptr(elf, vaddr), left))
		return -EOPNOTSUPP;
	return 0;
}

/**
 * elfk_bind_dep() - bind a reference to a dependency's definition
 * @dep: the dependency, loaded and live
 * @sym: its definition of the name, found by its format's lookup
 * @want: the reference's STT_* type
 * @arch: the architecture
 * @check_targets: an IFUNC resolver must be an indirect branch target
 * @res: the value and TLS module id
 *
 * The dependency's load checked the definition already (elfk_elf_parse(),
 * elfk_elf_check_branch_targets()); it is checked again because what the
 * caller does with it (call a resolver) cannot be undone.
 *
 * Return: 0, ELFK_BIND_CALL (@res->value is an IFUNC resolver: the caller
 * calls it and binds to what it returns), -ENOENT (the definition does not
 * pair with the reference: look further) or -ENOEXEC.
 */
int elfk_bind_dep(const struct elfk_elf *dep, const Elf64_Sym *sym, u8 want,
		  const struct elfk_arch_ops *arch, bool check_targets,
		  struct elfk_sym_result *res)
{
	struct elfk_bind_sym d;
	bool want_tls = want == STT_TLS, is_tls;
	int kind;

	elfk_bind_describe(&d, sym, "");
	is_tls = d.type == STT_TLS;
	/* A TLS reference binds only to a TLS definition, and back. */
	if (want_tls != is_tls)
		return -ENOENT;
	kind = elfk_bind_defined(dep, &d, "", 0, &res->value, NULL);
	if (kind < 0)
		return kind;
	if (kind == ELFK_BIND_TLS)
		res->tls_modid = dep->tls_modid;
	if (kind != ELFK_BIND_IFUNC)
		return 0;
	if (elfk_bind_resolver_ok(dep, arch, d.value, check_targets))
		return -ENOEXEC;
	return ELFK_BIND_CALL;
}

/**
 * elfk_reloc_refuse() - log why a relocation type is not applied
 * @arch: the architecture
 * @table: the relocation table, for messages
 * @index: the relocation's index in @table
 * @type: the type
 * @where: what follows "is not supported" ("" or " in ET_REL objects")
 * @log: the log
 *
 * Return: -EOPNOTSUPP for a type the arch names, -ENOEXEC for one it does
 * not know.
 */
int elfk_reloc_refuse(const struct elfk_arch_ops *arch, const char *table,
		      u64 index, u32 type, const char *where,
		      struct elfk_log *log)
{
	const char *name = arch->reloc_name(type);
	const char *why = arch->reloc_refusal(type);

	if (!name)
		return elfk_reject(log, -ENOEXEC,
				   "%s[%llu]: unknown relocation type %u",
				   table, (unsigned long long)index, type);
	return elfk_reject(log, -EOPNOTSUPP,
			   "%s[%llu]: relocation type %s (%u) is not supported%s%s%s",
			   table, (unsigned long long)index, name, type, where,
			   why ? ": " : "", why ?: "");
}
