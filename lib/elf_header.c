// SPDX-License-Identifier: GPL-2.0
/*
 * ELF header and program header validation.
 *
 * Each check tests one invariant against the image and logs the numbers it
 * saw.  Malformed input is -ENOEXEC; valid ELF that elfk will not load is
 * -EOPNOTSUPP; input above a cap is -E2BIG.  Nothing is allocated here.
 */
#include "bind.h"

#define ELFK_MAX_ALIGN 0x10000ULL

const struct elfk_limits elfk_default_limits = {
	.max_symbols = 1U << 20,
	.max_relocs = 1U << 22,
	.max_mem = 64ULL << 20,
	.max_sections = ELFK_MAX_SECTIONS,
};
EXPORT_SYMBOL_IF_KUNIT(elfk_default_limits);

static int check_ident(const struct elfk_elf *elf, struct elfk_log *log)
{
	const unsigned char *id = elf->ehdr->e_ident;

	if (id[EI_MAG0] != 0x7f || id[EI_MAG1] != 'E' || id[EI_MAG2] != 'L' ||
	    id[EI_MAG3] != 'F')
		return elfk_reject(log, -ENOEXEC,
				   "bad ELF magic %02x %02x %02x %02x",
				   id[0], id[1], id[2], id[3]);
	if (id[EI_CLASS] == ELFCLASS32)
		return elfk_reject(log, -EOPNOTSUPP,
				   "EI_CLASS 1 (ELFCLASS32): elfk loads 64-bit objects");
	if (id[EI_CLASS] != ELFCLASS64)
		return elfk_reject(log, -ENOEXEC, "EI_CLASS %u is not a valid class",
				   id[EI_CLASS]);
	if (id[EI_DATA] == ELFDATA2MSB)
		return elfk_reject(log, -EOPNOTSUPP,
				   "EI_DATA 2 (big endian): elfk loads little-endian objects");
	if (id[EI_DATA] != ELFDATA2LSB)
		return elfk_reject(log, -ENOEXEC, "EI_DATA %u is not a valid encoding",
				   id[EI_DATA]);
	if (id[EI_VERSION] != EV_CURRENT)
		return elfk_reject(log, -ENOEXEC, "EI_VERSION %u, expected %u",
				   id[EI_VERSION], EV_CURRENT);
	if (id[EI_OSABI] != ELFOSABI_NONE && id[EI_OSABI] != ELFOSABI_GNU)
		return elfk_reject(log, -EOPNOTSUPP,
				   "EI_OSABI %u: elfk loads System V or GNU objects",
				   id[EI_OSABI]);
	return 0;
}

static int check_ehdr(const struct elfk_elf *elf, struct elfk_log *log)
{
	const Elf64_Ehdr *eh = elf->ehdr;

	if (eh->e_type != ET_DYN && eh->e_type != ET_REL)
		return elfk_reject(log, -EOPNOTSUPP,
				   "e_type %u: elfk loads ET_DYN (3) shared objects and ET_REL (1) objects",
				   eh->e_type);
	if (eh->e_machine != elf->arch->machine)
		return elfk_reject(log, -EOPNOTSUPP,
				   "e_machine %u: this kernel loads %s objects (e_machine %u)",
				   eh->e_machine, elf->arch->name,
				   elf->arch->machine);
	if (eh->e_version != EV_CURRENT)
		return elfk_reject(log, -ENOEXEC, "e_version %u, expected %u",
				   eh->e_version, EV_CURRENT);
	if (eh->e_ehsize != sizeof(Elf64_Ehdr))
		return elfk_reject(log, -ENOEXEC, "e_ehsize %u, expected %zu",
				   eh->e_ehsize, sizeof(Elf64_Ehdr));
	/* An ET_REL object's section headers are checked by lib/ld/. */
	if (eh->e_type == ET_REL)
		return 0;
	if (eh->e_phnum == 0)
		return elfk_reject(log, -ENOEXEC, "e_phnum is 0: no program headers");
	if (eh->e_phentsize != sizeof(Elf64_Phdr))
		return elfk_reject(log, -ENOEXEC, "e_phentsize %u, expected %zu",
				   eh->e_phentsize, sizeof(Elf64_Phdr));
	if (eh->e_phnum > ELFK_MAX_PHNUM)
		return elfk_reject(log, -E2BIG,
				   "e_phnum %u is above the limit of %u",
				   eh->e_phnum, ELFK_MAX_PHNUM);
	if (eh->e_phoff % 8)
		return elfk_reject(log, -ENOEXEC,
				   "e_phoff 0x%llx is not 8-byte aligned",
				   (unsigned long long)eh->e_phoff);
	if (!elfk_elf_in_image(elf, eh->e_phoff,
			       (u64)eh->e_phnum * sizeof(Elf64_Phdr)))
		return elfk_reject(log, -ENOEXEC,
				   "program headers at 0x%llx (%u x %zu bytes) run past the %llu-byte image",
				   (unsigned long long)eh->e_phoff, eh->e_phnum,
				   sizeof(Elf64_Phdr),
				   (unsigned long long)elf->image_size);
	return 0;
}

static u32 prot_of(u32 p_flags)
{
	u32 prot = 0;

	if (p_flags & PF_R)
		prot |= ELFK_PROT_R;
	if (p_flags & PF_W)
		prot |= ELFK_PROT_W | ELFK_PROT_R;
	if (p_flags & PF_X)
		prot |= ELFK_PROT_X | ELFK_PROT_R;
	return prot ? prot : ELFK_PROT_R;
}

static int check_load(struct elfk_elf *elf, u32 i, const Elf64_Phdr *ph,
		      struct elfk_log *log)
{
	struct elfk_segment *seg, *prev;
	u64 end;

	if (elf->nr_segs == ELFK_MAX_LOAD_SEGMENTS)
		return elfk_reject(log, -E2BIG,
				   "PT_LOAD %u: more than %u PT_LOAD segments", i,
				   ELFK_MAX_LOAD_SEGMENTS);
	if (ph->p_filesz > ph->p_memsz)
		return elfk_reject(log, -ENOEXEC,
				   "PT_LOAD %u: p_filesz 0x%llx > p_memsz 0x%llx", i,
				   (unsigned long long)ph->p_filesz,
				   (unsigned long long)ph->p_memsz);
	if (!elfk_elf_in_image(elf, ph->p_offset, ph->p_filesz))
		return elfk_reject(log, -ENOEXEC,
				   "PT_LOAD %u: file range 0x%llx+0x%llx is outside the %llu-byte image",
				   i, (unsigned long long)ph->p_offset,
				   (unsigned long long)ph->p_filesz,
				   (unsigned long long)elf->image_size);
	if (check_add_overflow(ph->p_vaddr, ph->p_memsz, &end) ||
	    end > U64_MAX - PAGE_SIZE)
		return elfk_reject(log, -ENOEXEC,
				   "PT_LOAD %u: p_vaddr 0x%llx + p_memsz 0x%llx overflows",
				   i, (unsigned long long)ph->p_vaddr,
				   (unsigned long long)ph->p_memsz);
	if (ph->p_align > 1 && !is_power_of_2(ph->p_align))
		return elfk_reject(log, -ENOEXEC,
				   "PT_LOAD %u: p_align 0x%llx is not a power of two",
				   i, (unsigned long long)ph->p_align);
	if (ph->p_align > ELFK_MAX_ALIGN)
		return elfk_reject(log, -EOPNOTSUPP,
				   "PT_LOAD %u: p_align 0x%llx is above the supported 0x%llx",
				   i, (unsigned long long)ph->p_align,
				   ELFK_MAX_ALIGN);
	if (ph->p_align > 1 &&
	    (ph->p_vaddr - ph->p_offset) % ph->p_align)
		return elfk_reject(log, -ENOEXEC,
				   "PT_LOAD %u: p_vaddr 0x%llx and p_offset 0x%llx are not congruent modulo p_align 0x%llx",
				   i, (unsigned long long)ph->p_vaddr,
				   (unsigned long long)ph->p_offset,
				   (unsigned long long)ph->p_align);
	if ((ph->p_flags & PF_W) && (ph->p_flags & PF_X))
		return elfk_reject(log, -EOPNOTSUPP,
				   "PT_LOAD %u: writable and executable (p_flags 0x%x); elfk enforces W^X",
				   i, ph->p_flags);

	if (elf->nr_segs) {
		prev = &elf->segs[elf->nr_segs - 1];
		if (ph->p_vaddr < prev->vaddr)
			return elfk_reject(log, -ENOEXEC,
					   "PT_LOAD %u: p_vaddr 0x%llx is below PT_LOAD %u's 0x%llx (segments must be sorted)",
					   i, (unsigned long long)ph->p_vaddr,
					   prev->phdr_index,
					   (unsigned long long)prev->vaddr);
		/* ALIGN() callers have checked that x + PAGE_SIZE does not overflow. */
		if (ALIGN_DOWN(ph->p_vaddr, PAGE_SIZE) <
		    ALIGN(prev->vaddr + prev->memsz, PAGE_SIZE))
			return elfk_reject(log, -ENOEXEC,
					   "PT_LOAD %u [0x%llx, 0x%llx) overlaps or shares a page with PT_LOAD %u [0x%llx, 0x%llx)",
					   i, (unsigned long long)ph->p_vaddr,
					   (unsigned long long)end,
					   prev->phdr_index,
					   (unsigned long long)prev->vaddr,
					   (unsigned long long)(prev->vaddr +
								prev->memsz));
	}

	if (ph->p_align > elf->align)
		elf->align = ph->p_align;
	seg = &elf->segs[elf->nr_segs++];
	seg->vaddr = ph->p_vaddr;
	seg->memsz = ph->p_memsz;
	seg->offset = ph->p_offset;
	seg->filesz = ph->p_filesz;
	seg->prot = prot_of(ph->p_flags);
	seg->phdr_index = i;
	return 0;
}

static int check_dynamic_phdr(struct elfk_elf *elf, u32 i, const Elf64_Phdr *ph,
			      struct elfk_log *log)
{
	if (elf->dyn_count)
		return elfk_reject(log, -ENOEXEC, "PT_DYNAMIC %u: duplicate PT_DYNAMIC", i);
	if (!ph->p_filesz || ph->p_filesz % sizeof(Elf64_Dyn))
		return elfk_reject(log, -ENOEXEC,
				   "PT_DYNAMIC %u: p_filesz 0x%llx is not a nonzero multiple of %zu",
				   i, (unsigned long long)ph->p_filesz,
				   sizeof(Elf64_Dyn));
	if (ph->p_offset % 8)
		return elfk_reject(log, -ENOEXEC,
				   "PT_DYNAMIC %u: p_offset 0x%llx is not 8-byte aligned",
				   i, (unsigned long long)ph->p_offset);
	if (!elfk_elf_in_image(elf, ph->p_offset, ph->p_filesz))
		return elfk_reject(log, -ENOEXEC,
				   "PT_DYNAMIC %u: file range 0x%llx+0x%llx is outside the %llu-byte image",
				   i, (unsigned long long)ph->p_offset,
				   (unsigned long long)ph->p_filesz,
				   (unsigned long long)elf->image_size);
	elf->dyn_offset = ph->p_offset;
	elf->dyn_count = ph->p_filesz / sizeof(Elf64_Dyn);
	return 0;
}

const struct elfk_segment *elfk_elf_segment_of(const struct elfk_elf *elf,
					       u64 vaddr, u64 len)
{
	u32 i;

	for (i = 0; i < elf->nr_segs; i++) {
		const struct elfk_segment *seg = &elf->segs[i];

		if (vaddr >= seg->vaddr && len <= seg->memsz &&
		    vaddr - seg->vaddr <= seg->memsz - len)
			return seg;
	}
	return NULL;
}
EXPORT_SYMBOL_IF_KUNIT(elfk_elf_segment_of);

bool elfk_elf_is_text(const struct elfk_elf *elf, u64 vaddr)
{
	const struct elfk_segment *seg = elfk_elf_segment_of(elf, vaddr, 1);

	return seg && (seg->prot & ELFK_PROT_X);
}

/**
 * elfk_elf_text_left() - bytes of executable segment from @vaddr on
 * @elf: the object
 * @vaddr: a link-time address (a region offset for ET_REL)
 *
 * Return: the bytes from @vaddr to the end of the executable segment
 * holding it, or 0 when @vaddr is not in one: where code the loader calls
 * may be read, and nowhere else.
 */
u64 elfk_elf_text_left(const struct elfk_elf *elf, u64 vaddr)
{
	const struct elfk_segment *seg = elfk_elf_segment_of(elf, vaddr, 1);

	if (!seg || !(seg->prot & ELFK_PROT_X))
		return 0;
	return seg->vaddr + seg->memsz - vaddr;
}

/**
 * elfk_elf_tls_sym_fits() - whether a TLS symbol lies inside its block
 * @elf: the object defining it
 * @sym: an STT_TLS definition (st_value is its offset in the block)
 *
 * Return: true when [st_value, st_value + st_size) is inside the object's
 * TLS block, so an access through it stays in the block the kernel
 * allocates (p_memsz bytes).
 */
bool elfk_elf_tls_sym_fits(const struct elfk_elf *elf, const Elf64_Sym *sym)
{
	struct elfk_bind_sym d;

	elfk_bind_describe(&d, sym, "");
	return elfk_bind_tls_fits(elf, &d);
}

/*
 * ld may end PT_GNU_RELRO past its segment's p_memsz (ld 2.40 pads it when
 * a RELRO table is the only writable data), and ld.so protects only whole
 * pages: what must hold is that the pages made read-only are the writable
 * segment's own, never a neighbour's.
 */
static int check_relro(struct elfk_elf *elf, u32 i, const Elf64_Phdr *ph,
		       struct elfk_log *log)
{
	const struct elfk_segment *seg;
	u64 end;

	if (elf->relro_end)
		return elfk_reject(log, -ENOEXEC, "PT_GNU_RELRO %u: duplicate PT_GNU_RELRO", i);
	seg = elfk_elf_segment_of(elf, ph->p_vaddr, 1);
	if (!seg || !(seg->prot & ELFK_PROT_W) ||
	    check_add_overflow(ph->p_vaddr, ph->p_memsz, &end) ||
	    ALIGN_DOWN(end, PAGE_SIZE) > ALIGN(seg->vaddr + seg->memsz, PAGE_SIZE))
		return elfk_reject(log, -ENOEXEC,
				   "PT_GNU_RELRO %u [0x%llx, +0x%llx) is not inside a writable PT_LOAD's pages",
				   i, (unsigned long long)ph->p_vaddr,
				   (unsigned long long)ph->p_memsz);
	/* As ld.so does: the partial page at the end stays writable. */
	elf->relro_start = ALIGN_DOWN(ph->p_vaddr, PAGE_SIZE);
	elf->relro_end = ALIGN_DOWN(end, PAGE_SIZE);
	if (elf->relro_end <= elf->relro_start) {
		elf->relro_start = 0;
		elf->relro_end = 0;
	}
	return 0;
}

static int check_tls(struct elfk_elf *elf, u32 i, const Elf64_Phdr *ph,
		     struct elfk_log *log)
{
	const struct elfk_segment *seg;
	u64 align = ph->p_align ? ph->p_align : 1;

	if (elf->has_tls)
		return elfk_reject(log, -ENOEXEC, "PT_TLS %u: duplicate PT_TLS", i);
	if (!is_power_of_2(align))
		return elfk_reject(log, -ENOEXEC,
				   "PT_TLS %u: p_align 0x%llx is not a power of two",
				   i, (unsigned long long)align);
	if (align > ELFK_MAX_TLS_ALIGN)
		return elfk_reject(log, -EOPNOTSUPP,
				   "PT_TLS %u: p_align 0x%llx is above the supported 0x%x",
				   i, (unsigned long long)align, ELFK_MAX_TLS_ALIGN);
	if (ph->p_filesz > ph->p_memsz)
		return elfk_reject(log, -ENOEXEC,
				   "PT_TLS %u: p_filesz 0x%llx > p_memsz 0x%llx", i,
				   (unsigned long long)ph->p_filesz,
				   (unsigned long long)ph->p_memsz);
	if (ph->p_memsz > ELFK_MAX_TLS_SIZE)
		return elfk_reject(log, -E2BIG,
				   "PT_TLS %u: p_memsz 0x%llx is above the TLS block cap of 0x%x",
				   i, (unsigned long long)ph->p_memsz,
				   ELFK_MAX_TLS_SIZE);
	seg = elfk_elf_segment_of(elf, ph->p_vaddr, ph->p_filesz);
	if (ph->p_filesz &&
	    (!seg || ph->p_vaddr - seg->vaddr + ph->p_filesz > seg->filesz))
		return elfk_reject(log, -ENOEXEC,
				   "PT_TLS %u: initialisation image [0x%llx, +0x%llx) is not inside the file part of a PT_LOAD",
				   i, (unsigned long long)ph->p_vaddr,
				   (unsigned long long)ph->p_filesz);
	elf->has_tls = true;
	elf->tls.vaddr = ph->p_vaddr;
	elf->tls.filesz = ph->p_filesz;
	elf->tls.memsz = ph->p_memsz;
	elf->tls.align = align;
	return 0;
}

int elfk_elf_parse_headers(struct elfk_elf *elf,
			   const struct elfk_arch_ops *arch, const void *image,
			   u64 size, const struct elfk_limits *lim,
			   struct elfk_log *log)
{
	const struct elfk_segment *last;
	u32 i;
	int err;

	memset(elf, 0, sizeof(*elf));
	elf->arch = arch;
	elf->align = PAGE_SIZE;
	elf->image = image;
	elf->image_size = size;

	if (size < sizeof(Elf64_Ehdr))
		return elfk_reject(log, -ENOEXEC,
				   "image is %llu bytes, smaller than an ELF header (%zu)",
				   (unsigned long long)size, sizeof(Elf64_Ehdr));
	elf->ehdr = image;
	err = check_ident(elf, log);
	if (err)
		return err;
	err = check_ehdr(elf, log);
	if (err || elf->ehdr->e_type == ET_REL)
		return err;

	elf->phdrs = (const Elf64_Phdr *)(elf->image + elf->ehdr->e_phoff);
	elf->phnum = elf->ehdr->e_phnum;

	/* PT_LOAD first: the other program headers are checked against them. */
	for (i = 0; i < elf->phnum; i++) {
		if (elf->phdrs[i].p_type != PT_LOAD)
			continue;
		err = check_load(elf, i, &elf->phdrs[i], log);
		if (err)
			return err;
	}
	if (!elf->nr_segs)
		return elfk_reject(log, -ENOEXEC, "no PT_LOAD segment");

	for (i = 0; i < elf->phnum; i++) {
		const Elf64_Phdr *ph = &elf->phdrs[i];

		switch (ph->p_type) {
		case PT_DYNAMIC:
			err = check_dynamic_phdr(elf, i, ph, log);
			break;
		case PT_GNU_RELRO:
			err = check_relro(elf, i, ph, log);
			break;
		case PT_TLS:
			err = check_tls(elf, i, ph, log);
			break;
		case PT_INTERP:
			err = elfk_reject(log, -EOPNOTSUPP,
					  "PT_INTERP %u: this is a program that needs an interpreter; elfk loads shared objects",
					  i);
			break;
		default:
			err = 0;
			break;
		}
		if (err)
			return err;
	}
	if (!elf->dyn_count)
		return elfk_reject(log, -ENOEXEC, "no PT_DYNAMIC segment");

	last = &elf->segs[elf->nr_segs - 1];
	/* Placing vbase at an elf->align boundary keeps every p_align. */
	elf->vbase = elf->segs[0].vaddr & ~(elf->align - 1);
	elf->vsize = ALIGN(last->vaddr + last->memsz, PAGE_SIZE) - elf->vbase;
	if (elf->vsize > lim->max_mem)
		return elfk_reject(log, -E2BIG,
				   "segments span 0x%llx bytes, above the max_object_size cap of 0x%llx",
				   (unsigned long long)elf->vsize,
				   (unsigned long long)lim->max_mem);
	elfk_log_verbose(log, "headers: %u program headers, %u PT_LOAD, span 0x%llx",
			 elf->phnum, elf->nr_segs,
			 (unsigned long long)elf->vsize);
	return 0;
}
