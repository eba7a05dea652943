// SPDX-License-Identifier: GPL-2.0
/*
 * ET_REL: paired relocations.  The core applies one relocation at a time,
 * but some architectures split an address over two instructions and two
 * relocations: riscv's AUIPC gets R_RISCV_PCREL_HI20 against the target,
 * and the ADDI or load after it R_RISCV_PCREL_LO12_I against a label on
 * the AUIPC, because the low part is the one left over from the HI half's
 * PC-relative value.  So the LO half cannot be computed from its own
 * symbol; it needs the HI half's value, found by the address its symbol
 * names.
 *
 * Every HI half is indexed by the region offset of its field before the
 * second pass starts (ld_pairs_index()), so that a LO half can be told
 * apart when its HI half is missing, comes later in the table, or is of a
 * type it does not complete.  The arch gives the HI half's value
 * (rel_ops.pair_value) once it is applied, and uses it from the LO half's
 * fixup (elfk_rel_fixup.hi).
 */
#include "ld.h"

static u32 slot_of(const struct elfk_rel *rel, u64 key)
{
	return (u32)((key * 0x9e3779b97f4a7c15ULL) >> 32) & rel->pair_mask;
}

/* The slot for @key: its own, or the empty one it would go to. */
static struct ld_pair *find(const struct elfk_rel *rel, u64 key)
{
	u32 i = slot_of(rel, key);

	/* At most half the slots are used: an empty one is always found. */
	while (rel->pairs[i].key && rel->pairs[i].key != key)
		i = (i + 1) & rel->pair_mask;
	return &rel->pairs[i];
}

/* After the first pass: room for every HI half, at most half full. */
int ld_pairs_alloc(struct elfk_rel *rel, struct elfk_log *log)
{
	u64 n = 2;

	while (n < 2ULL * rel->nr_pair_hi)
		n <<= 1;
	rel->pairs = zalloc_array(n, sizeof(*rel->pairs));
	if (!rel->pairs)
		return elfk_reject(log, -ENOMEM,
				   "no memory for the index of %u paired relocations",
				   rel->nr_pair_hi);
	rel->pair_mask = n - 1;
	return 0;
}

/* Before the second pass: every HI half, by the region offset of its field. */
int ld_pairs_index(struct elfk_elf *elf, const struct elfk_arch_ops *arch,
		   struct elfk_log *log)
{
	struct elfk_rel *rel = elf->rel;
	const Elf64_Rela *rela;
	struct ld_pair *p;
	u32 sec, target, type;
	u64 i, n, key;

	memset(rel->pairs, 0, ((u64)rel->pair_mask + 1) * sizeof(*rel->pairs));
	for (sec = 1; sec < rel->shnum; sec++) {
		if (!rela_applies(rel, sec))
			continue;
		target = rel->shdrs[sec].sh_info;
		n = rel->shdrs[sec].sh_size / sizeof(Elf64_Rela);
		rela = (const Elf64_Rela *)(rel->image + rel->shdrs[sec].sh_offset);
		for (i = 0; i < n; i++) {
			if (i % ELFK_REL_RESCHED_EVERY == ELFK_REL_RESCHED_EVERY - 1)
				elfk_env_resched();
			type = ELF64_R_TYPE(rela[i].r_info);
			if (arch->reloc_is_noop(type) ||
			    !(arch->rel_ops->needs(type) & ELFK_REL_PAIR_HI))
				continue;
			key = field_offset(rel, target, rela[i].r_offset) + 1;
			p = find(rel, key);
			if (p->key)
				return elfk_reject(log, -ENOEXEC,
						   "%s[%llu]: %s at 0x%llx in '%s': %s[%llu] is a HI half at the same field",
						   sec_name(rel, sec),
						   (unsigned long long)i,
						   type_name(arch, type),
						   (unsigned long long)rela[i].r_offset,
						   sec_name(rel, target),
						   p->pair.table,
						   (unsigned long long)p->pair.index);
			p->key = key;
			p->pair.type = type;
			p->pair.table = sec_name(rel, sec);
			p->pair.index = i;
		}
	}
	return 0;
}

/**
 * ld_pair_lo() - find the HI half a LO half completes
 * @elf: the object, being relocated
 * @arch: the architecture
 * @f: the LO half, its symbol resolved; @f->hi is set on success
 * @log: the log
 *
 * Return: 0, or -ENOEXEC when no HI half is at the address its symbol
 * names, when that HI half comes after it, or when it does not pair with it.
 */
int ld_pair_lo(struct elfk_elf *elf, const struct elfk_arch_ops *arch,
	       struct elfk_rel_fixup *f, struct elfk_log *log)
{
	const struct elfk_rel *rel = elf->rel;
	/* The label, as a region offset: addresses stay out of messages. */
	u64 off = f->r.S + f->r.A - (elfk_elf_bias(elf) + elf->vbase);
	const char *name = type_name(arch, f->r.type);
	const struct ld_pair *p;

	/* Not even in the object: nothing to say about where it is. */
	if (off >= elf->vsize)
		return elfk_reject(log, -ENOEXEC,
				   "%s[%llu]: %s: its symbol plus addend is outside the object, so no HI half is there for it to complete",
				   f->r.table, (unsigned long long)f->r.index,
				   name);
	p = rel->pairs ? find(rel, off + 1) : NULL;
	if (!p || !p->key)
		return elfk_reject(log, -ENOEXEC,
				   "%s[%llu]: %s: no HI half at 0x%llx (its symbol plus addend) for it to complete",
				   f->r.table, (unsigned long long)f->r.index,
				   name, (unsigned long long)off);
	if (!p->applied)
		return elfk_reject(log, -ENOEXEC,
				   "%s[%llu]: %s comes before its HI half %s[%llu] (%s at 0x%llx)",
				   f->r.table, (unsigned long long)f->r.index,
				   name, p->pair.table,
				   (unsigned long long)p->pair.index,
				   type_name(arch, p->pair.type),
				   (unsigned long long)off);
	if (!arch->rel_ops->pairs_with(f->r.type, p->pair.type))
		return elfk_reject(log, -ENOEXEC,
				   "%s[%llu]: %s cannot complete %s[%llu] (%s at 0x%llx)",
				   f->r.table, (unsigned long long)f->r.index,
				   name, p->pair.table,
				   (unsigned long long)p->pair.index,
				   type_name(arch, p->pair.type),
				   (unsigned long long)off);
	f->hi = &p->pair;
	return 0;
}

/* A HI half, applied: keep its value for the LO halves after it. */
void ld_pair_hi(struct elfk_elf *elf, const struct elfk_arch_ops *arch,
		const struct elfk_rel_fixup *f, u64 off)
{
	struct ld_pair *p = find(elf->rel, off + 1);

	/* ld_pairs_index() put every HI half there. */
	p->applied = true;
	p->pair.value = arch->rel_ops->pair_value(f);
}
