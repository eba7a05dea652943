// SPDX-License-Identifier: GPL-2.0
/*
 * Write a valid ET_DYN with N R_X86_64_RELATIVE relocations, each patching
 * its own 8-byte slot, for the test that a load with a million relocations
 * reschedules instead of tripping the soft-lockup detector.
 *
 * usage: gen-relocs N OUTFILE
 */
#include <elf.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PAGE 0x1000ULL
#define ALIGN_UP(x) (((x) + PAGE - 1) & ~(PAGE - 1))

static void phdr(Elf64_Phdr *p, uint32_t type, uint32_t flags, uint64_t off,
		 uint64_t size)
{
	p->p_type = type;
	p->p_flags = flags;
	p->p_offset = off;
	p->p_vaddr = off;
	p->p_paddr = off;
	p->p_filesz = size;
	p->p_memsz = size;
	p->p_align = type == PT_LOAD ? PAGE : 8;
}

int main(int argc, char **argv)
{
	uint64_t n, rela_off = 0x240, text, data, dyn, size, i;
	const uint64_t dynsym = 0x200, dynstr = 0x220, hash = 0x228;
	Elf64_Ehdr *eh;
	Elf64_Dyn *d;
	Elf64_Rela *r;
	uint8_t *img;
	FILE *out;

	n = argc == 3 ? strtoull(argv[1], NULL, 0) : 0;
	if (!n) {
		fprintf(stderr, "usage: %s N OUTFILE\n", argv[0]);
		return 2;
	}
	text = ALIGN_UP(rela_off + n * sizeof(Elf64_Rela));
	data = text + PAGE;
	dyn = data + n * 8;
	size = dyn + 9 * sizeof(Elf64_Dyn);
	img = calloc(1, size);
	if (!img)
		return 1;

	eh = (Elf64_Ehdr *)img;
	memcpy(eh->e_ident, ELFMAG, SELFMAG);
	eh->e_ident[EI_CLASS] = ELFCLASS64;
	eh->e_ident[EI_DATA] = ELFDATA2LSB;
	eh->e_ident[EI_VERSION] = EV_CURRENT;
	eh->e_type = ET_DYN;
	eh->e_machine = EM_X86_64;
	eh->e_version = EV_CURRENT;
	eh->e_phoff = sizeof(*eh);
	eh->e_ehsize = sizeof(*eh);
	eh->e_phentsize = sizeof(Elf64_Phdr);
	eh->e_phnum = 4;
	phdr((Elf64_Phdr *)(img + 0x40) + 0, PT_LOAD, PF_R, 0, text);
	phdr((Elf64_Phdr *)(img + 0x40) + 1, PT_LOAD, PF_R | PF_X, text, 16);
	phdr((Elf64_Phdr *)(img + 0x40) + 2, PT_LOAD, PF_R | PF_W, data,
	     size - data);
	phdr((Elf64_Phdr *)(img + 0x40) + 3, PT_DYNAMIC, PF_R | PF_W, dyn,
	     9 * sizeof(Elf64_Dyn));

	/* One null symbol, an empty string table, a one-bucket DT_HASH. */
	(void)dynsym;
	img[dynstr] = '\0';
	((uint32_t *)(img + hash))[0] = 1;
	((uint32_t *)(img + hash))[1] = 1;
	memset(img + text, 0xc3, 16);

	r = (Elf64_Rela *)(img + rela_off);
	for (i = 0; i < n; i++) {
		r[i].r_offset = data + i * 8;
		r[i].r_info = ELF64_R_INFO(0, R_X86_64_RELATIVE);
		r[i].r_addend = data + i * 8;
	}

	d = (Elf64_Dyn *)(img + dyn);
	d[0] = (Elf64_Dyn){ DT_STRTAB, { dynstr } };
	d[1] = (Elf64_Dyn){ DT_STRSZ, { 1 } };
	d[2] = (Elf64_Dyn){ DT_SYMTAB, { dynsym } };
	d[3] = (Elf64_Dyn){ DT_SYMENT, { sizeof(Elf64_Sym) } };
	d[4] = (Elf64_Dyn){ DT_HASH, { hash } };
	d[5] = (Elf64_Dyn){ DT_RELA, { rela_off } };
	d[6] = (Elf64_Dyn){ DT_RELASZ, { n * sizeof(Elf64_Rela) } };
	d[7] = (Elf64_Dyn){ DT_RELAENT, { sizeof(Elf64_Rela) } };
	d[8] = (Elf64_Dyn){ DT_NULL, { 0 } };

	out = fopen(argv[2], "wb");
	if (!out || fwrite(img, 1, size, out) != size || fclose(out)) {
		perror(argv[2]);
		return 1;
	}
	free(img);
	return 0;
}
