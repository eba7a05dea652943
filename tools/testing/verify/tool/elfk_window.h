/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Reading a verified image's window note and code segment on the host
 * (tramp-abi: .note.elfk.window, name "elfk", type 1, desc { k, c }).
 * Shared by elfk-verify and the host runner.
 */
#ifndef _ELFK_WINDOW_H
#define _ELFK_WINDOW_H

#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../../../../arch/x86_64/verify.h"

#define ELFK_NOTE_WINDOW_TYPE 1
#define ELFK_VERIFIED_GUARD 0x100000ULL	/* G: 1 MiB */
#define ELFK_VERIFIED_TRAMPS 128

/**
 * struct elfk_window_image - a verified image read from a file
 * @image: the whole file (free() it)
 * @size: its size
 * @cfg: the verifier configuration its note and code segment give
 * @code: the PF_X segment's bytes, inside @image
 * @code_size: their number
 */
struct elfk_window_image {
	unsigned char *image;
	size_t size;
	struct elfk_verify_cfg cfg;
	const unsigned char *code;
	size_t code_size;
};

static inline int elfk_window_parse(struct elfk_window_image *wi, char *why,
				    size_t len)
{
	const Elf64_Ehdr *eh = (const void *)wi->image;
	const Elf64_Phdr *ph;
	int i, nx = 0, note = 0;

	if (wi->size < sizeof(*eh) || memcmp(eh->e_ident, ELFMAG, SELFMAG) ||
	    eh->e_ident[EI_CLASS] != ELFCLASS64 || eh->e_type != ET_DYN ||
	    eh->e_phentsize != sizeof(*ph) ||
	    eh->e_phoff > wi->size ||
	    (wi->size - eh->e_phoff) / sizeof(*ph) < eh->e_phnum) {
		snprintf(why, len, "not a 64-bit ET_DYN ELF image");
		return -1;
	}
	ph = (const void *)(wi->image + eh->e_phoff);
	for (i = 0; i < eh->e_phnum; i++) {
		const Elf64_Phdr *p = &ph[i];

		if (p->p_offset > wi->size || p->p_filesz > wi->size - p->p_offset) {
			snprintf(why, len, "program header %d outside the file", i);
			return -1;
		}
		if (p->p_type == PT_LOAD && (p->p_flags & PF_X)) {
			wi->code = wi->image + p->p_offset;
			wi->code_size = p->p_filesz;
			wi->cfg.code_off = p->p_vaddr;
			nx++;
		}
		if (p->p_type == PT_NOTE) {
			const unsigned char *n = wi->image + p->p_offset;
			size_t off = 0;

			while (p->p_filesz - off >= sizeof(Elf64_Nhdr)) {
				const Elf64_Nhdr *nh = (const void *)(n + off);
				size_t nsz = (nh->n_namesz + 3) & ~3UL;
				size_t dsz = (nh->n_descsz + 3) & ~3UL;

				off += sizeof(*nh);
				if (nsz > p->p_filesz - off ||
				    dsz > p->p_filesz - off - nsz)
					break;
				if (nh->n_namesz == 5 && !memcmp(n + off, "elfk", 5) &&
				    nh->n_type == ELFK_NOTE_WINDOW_TYPE &&
				    nh->n_descsz == 8) {
					memcpy(&wi->cfg.window_bits, n + off + nsz, 4);
					memcpy(&wi->cfg.code_bits, n + off + nsz + 4, 4);
					note++;
				}
				off += nsz + dsz;
			}
		}
	}
	if (note != 1) {
		snprintf(why, len, "%s .note.elfk.window (built without VERIFIED=1?)",
			 note ? "more than one" : "no");
		return -1;
	}
	if (nx != 1) {
		snprintf(why, len, "%d executable segments, want exactly one", nx);
		return -1;
	}
	wi->cfg.guard = ELFK_VERIFIED_GUARD;
	wi->cfg.tramp_entries = ELFK_VERIFIED_TRAMPS;
	return 0;
}

static inline int elfk_window_read(const char *path, struct elfk_window_image *wi,
				   char *why, size_t len)
{
	FILE *f = fopen(path, "rb");
	long n;

	memset(wi, 0, sizeof(*wi));
	if (!f) {
		snprintf(why, len, "cannot open");
		return -1;
	}
	n = fseek(f, 0, SEEK_END) == 0 ? ftell(f) : -1;
	if (n <= 0 || fseek(f, 0, SEEK_SET)) {
		fclose(f);
		snprintf(why, len, "cannot read");
		return -1;
	}
	wi->image = malloc(n);
	wi->size = n;
	if (!wi->image || fread(wi->image, 1, n, f) != (size_t)n) {
		fclose(f);
		free(wi->image);
		snprintf(why, len, "cannot read");
		return -1;
	}
	fclose(f);
	if (elfk_window_parse(wi, why, len)) {
		free(wi->image);
		wi->image = NULL;
		return -1;
	}
	return 0;
}

#endif /* _ELFK_WINDOW_H */
