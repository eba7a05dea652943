// SPDX-License-Identifier: GPL-2.0
/*
 * elfk-ctl: read the DT_NEEDED and DT_SONAME names of an ELF image.
 *
 * "elfk-ctl load" uses them to load an object's dependencies first.  The
 * image is untrusted: every offset, size and count is checked against it
 * before use, with overflow-safe arithmetic, and every name must be
 * NUL-terminated inside DT_STRSZ.  This is not the kernel's validator: an
 * image this reader cannot make sense of is simply reported as malformed,
 * and the kernel, which checks far more, says why when it is loaded.
 *
 * Copyright (C) 2026 The elfk authors
 */
#include <elf.h>
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include "elf_needed.h"

/* As the kernel's ELFK_MAX_PHNUM. */
#define ELFK_CTL_MAX_PHNUM 64

/* Whether [off, off + size) lies inside an image of @len bytes. */
static int in_image(uint64_t off, uint64_t size, size_t len)
{
	return off <= len && size <= len - off;
}

/*
 * The file offset of [vaddr, vaddr + size), which must lie in the
 * file-backed part of one PT_LOAD; -1 if it does not.
 */
static int64_t vaddr_to_off(const Elf64_Phdr *ph, unsigned int phnum,
			    size_t len, uint64_t vaddr, uint64_t size)
{
	unsigned int i;

	for (i = 0; i < phnum; i++) {
		uint64_t delta;

		if (ph[i].p_type != PT_LOAD || vaddr < ph[i].p_vaddr)
			continue;
		delta = vaddr - ph[i].p_vaddr;
		if (delta > ph[i].p_filesz || size > ph[i].p_filesz - delta)
			continue;
		if (!in_image(ph[i].p_offset, ph[i].p_filesz, len))
			return -1;
		return (int64_t)(ph[i].p_offset + delta);
	}
	return -1;
}

/**
 * elfk_read_needed() - the DT_NEEDED and DT_SONAME names of an image
 * @image: the ELF image
 * @len: its size in bytes
 * @out: out: the names, pointing into @image
 *
 * Return: 0 (also for an image without PT_DYNAMIC or DT_NEEDED), -ENOEXEC
 * when the image is not a well-formed little-endian ELF64 object as far as
 * these names are concerned, -E2BIG for more than ELFK_CTL_MAX_NEEDED
 * DT_NEEDED entries.
 */
int elfk_read_needed(const void *image, size_t len, struct elfk_needed *out)
{
	uint64_t needed[ELFK_CTL_MAX_NEEDED], strtab = 0, strsz = 0, soname = 0;
	int has_strtab = 0, has_strsz = 0, has_soname = 0;
	const unsigned char *img = image;
	const Elf64_Phdr *ph, *dynph = NULL;
	const Elf64_Ehdr *eh = image;
	const Elf64_Dyn *dyn;
	unsigned int i, nr = 0;
	uint64_t ndyn, j;
	int64_t stroff;
	const char *str;

	memset(out, 0, sizeof(*out));
	if (len < sizeof(*eh) || memcmp(eh->e_ident, ELFMAG, SELFMAG) ||
	    eh->e_ident[EI_CLASS] != ELFCLASS64 ||
	    eh->e_ident[EI_DATA] != ELFDATA2LSB)
		return -ENOEXEC;
	if (!eh->e_phnum)
		return 0;
	if (eh->e_phentsize != sizeof(*ph) || eh->e_phnum > ELFK_CTL_MAX_PHNUM ||
	    eh->e_phoff % 8 ||
	    !in_image(eh->e_phoff, (uint64_t)eh->e_phnum * sizeof(*ph), len))
		return -ENOEXEC;
	ph = (const Elf64_Phdr *)(img + eh->e_phoff);

	for (i = 0; i < eh->e_phnum; i++) {
		if (ph[i].p_type != PT_DYNAMIC)
			continue;
		if (dynph)
			return -ENOEXEC;
		dynph = &ph[i];
	}
	if (!dynph)
		return 0;
	if (dynph->p_offset % 8 ||
	    !in_image(dynph->p_offset, dynph->p_filesz, len))
		return -ENOEXEC;
	dyn = (const Elf64_Dyn *)(img + dynph->p_offset);
	ndyn = dynph->p_filesz / sizeof(*dyn);

	for (j = 0; j < ndyn && dyn[j].d_tag != DT_NULL; j++) {
		switch (dyn[j].d_tag) {
		case DT_NEEDED:
			if (nr == ELFK_CTL_MAX_NEEDED)
				return -E2BIG;
			needed[nr++] = dyn[j].d_un.d_val;
			break;
		case DT_STRTAB:
			strtab = dyn[j].d_un.d_ptr;
			has_strtab = 1;
			break;
		case DT_STRSZ:
			strsz = dyn[j].d_un.d_val;
			has_strsz = 1;
			break;
		case DT_SONAME:
			soname = dyn[j].d_un.d_val;
			has_soname = 1;
			break;
		}
	}
	if (j == ndyn)
		return -ENOEXEC; /* no DT_NULL */
	if (!nr && !has_soname)
		return 0;
	if (!has_strtab || !has_strsz || !strsz)
		return -ENOEXEC;
	stroff = vaddr_to_off(ph, eh->e_phnum, len, strtab, strsz);
	if (stroff < 0)
		return -ENOEXEC;
	str = (const char *)img + stroff;
	/* The names must end inside the table: one NUL at its end suffices. */
	if (str[strsz - 1] != '\0')
		return -ENOEXEC;
	for (i = 0; i < nr; i++) {
		if (needed[i] >= strsz)
			return -ENOEXEC;
		out->name[i] = str + needed[i];
	}
	out->nr = nr;
	if (has_soname) {
		if (soname >= strsz)
			return -ENOEXEC;
		out->soname = str + soname;
	}
	return 0;
}
