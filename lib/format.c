// SPDX-License-Identifier: GPL-2.0
/*
 * The two object formats behind one table.  An ET_DYN object is loaded as
 * ld.so would (dyn/dynamic.c, dyn/symbols.c, dyn/version.c, dyn/reloc.c); an
 * ET_REL object is linked by elfk itself, as ld would (lib/ld/), into
 * the same synthetic segments.  Everything after parsing goes through
 * elf->fmt, so no step asks which format it has.
 */
#include "core.h"

static const Elf64_Sym *ld_lookup(const struct elfk_elf *elf, const char *name,
				  u32 hash, const char *version)
{
	/* ET_REL objects define no versions: only unversioned lookups match. */
	return version ? NULL : elfk_rel_lookup_hash(elf, name, hash);
}

const struct elfk_format_ops elfk_dyn_format = {
	.name = "ET_DYN",
	.e_type = ET_DYN,
	.parse = elfk_dyn_parse,
	.place = elfk_dyn_place,
	.rebase = elfk_dyn_point_tables,
	.relocate = elfk_dyn_relocate,
	.next_ifunc = elfk_dyn_next_ifunc,
	.set_ifunc = elfk_dyn_set_ifunc,
	.text_name = "the executable segments",
	.lookup = elfk_dyn_lookup,
	.needed = elfk_dyn_needed,
	.needed_from = "DT_NEEDED",
	.file_segments = true,
};

const struct elfk_format_ops elfk_ld_format = {
	.name = "ET_REL",
	.e_type = ET_REL,
	.parse = elfk_rel_parse,
	.place = elfk_rel_place,
	.relocate = elfk_rel_relocate,
	/* Its IFUNC symbols are its own: the resolver is not asked. */
	.next_ifunc = elfk_rel_next_ifunc,
	.set_ifunc = elfk_rel_set_ifunc,
	.text_name = "the text run",
	.lookup = ld_lookup,
	.release = elfk_rel_release,
	.needed = elfk_rel_needed,
	.needed_from = ELFK_NEEDED_SECTION,
};

/**
 * elfk_elf_parse() - validate an image, choosing its format by e_type
 * @elf: the object to fill; elfk_elf_release() it whatever this returns
 * @arch: the architecture to load it for (its e_machine, its relocations)
 * @image: the image, read until the object is placed
 * @size: its size
 * @lim: the caps
 * @log: the log
 *
 * Return: 0 or a negative errno, with the reason in @log.
 */
int elfk_elf_parse(struct elfk_elf *elf, const struct elfk_arch_ops *arch,
		   const void *image, u64 size, const struct elfk_limits *lim,
		   struct elfk_log *log)
{
	const struct elfk_format_ops *fmt = &elfk_dyn_format;
	int err;

	if (size >= sizeof(Elf64_Ehdr) &&
	    ((const Elf64_Ehdr *)image)->e_type == ET_REL)
		fmt = &elfk_ld_format;
	err = fmt->parse(elf, arch, image, size, lim, log);
	/* Set after parse(), which starts from a zeroed object. */
	elf->fmt = fmt;
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(elfk_elf_parse);

void elfk_elf_place(struct elfk_elf *elf, void *base)
{
	elfk_elf_fmt(elf)->place(elf, base);
}
EXPORT_SYMBOL_IF_KUNIT(elfk_elf_place);

int elfk_reloc_apply(struct elfk_elf *elf, const struct elfk_arch_ops *arch,
		     const struct elfk_resolver *res, struct elfk_log *log)
{
	return elfk_elf_fmt(elf)->relocate(elf, arch, res, log);
}
EXPORT_SYMBOL_IF_KUNIT(elfk_reloc_apply);

/**
 * elfk_elf_needed() - the name of an object this one needs
 * @elf: the object, parsed
 * @i: which, below @elf->nr_needed
 *
 * An ET_DYN object's DT_NEEDED entries and an ET_REL object's
 * .elfk.needed names alike: the caller binds each to the loaded object
 * providing it (the kernel: by DT_SONAME, else by the name it was loaded
 * under), in order, and those objects are its lookup scope.
 *
 * Return: the NUL-terminated name, valid until elfk_elf_release().
 */
const char *elfk_elf_needed(const struct elfk_elf *elf, u32 i)
{
	return elfk_elf_fmt(elf)->needed(elf, i);
}
EXPORT_SYMBOL_IF_KUNIT(elfk_elf_needed);

/**
 * elfk_elf_release() - free what parsing allocated for an object
 * @elf: the object; NULL-safe and idempotent
 *
 * Only ET_REL objects allocate (elfk_rel_parse()); for ET_DYN this does
 * nothing.  Lookups in the object are invalid afterwards.
 */
void elfk_elf_release(struct elfk_elf *elf)
{
	if (elf && elf->fmt && elf->fmt->release)
		elf->fmt->release(elf);
}
EXPORT_SYMBOL_IF_KUNIT(elfk_elf_release);
