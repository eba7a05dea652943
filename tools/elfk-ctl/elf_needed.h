/* SPDX-License-Identifier: GPL-2.0 */
/*
 * elfk-ctl: the DT_NEEDED and DT_SONAME names of an ELF image.
 *
 * Copyright (C) 2026 The elfk authors
 */
#ifndef _ELFK_CTL_ELF_NEEDED_H
#define _ELFK_CTL_ELF_NEEDED_H

#include <stddef.h>

/* As the kernel's ELFK_MAX_NEEDED: an object with more is refused there. */
#define ELFK_CTL_MAX_NEEDED 16

/**
 * struct elfk_needed - what an image names in its dynamic section
 * @nr: number of DT_NEEDED entries in @name
 * @name: the DT_NEEDED names, in order; they point into the image
 * @soname: DT_SONAME, or NULL
 */
struct elfk_needed {
	unsigned int nr;
	const char *name[ELFK_CTL_MAX_NEEDED];
	const char *soname;
};

int elfk_read_needed(const void *image, size_t len, struct elfk_needed *out);

#endif /* _ELFK_CTL_ELF_NEEDED_H */
