/* SPDX-License-Identifier: GPL-2.0 */
/*
 * loadbench's two ways of giving the core an object, shared by
 * loadbench.c and loadbench_bind.c.
 *
 * copy: the file was read once into malloc()ed memory; the core places
 *       it in fresh anonymous memory, copying every byte (elfk's way
 *       before issue 14's item 2).
 * map:  as ld.so: the file is mapped PROT_READ as the image to parse, an
 *       anonymous reservation of the object's size holds it, each
 *       segment's whole file pages are mapped over it MAP_PRIVATE |
 *       MAP_FIXED from the file (copy-on-write: relocations dirty only
 *       the pages they touch), .bss and partial pages stay anonymous
 *       zeroes that placing fills (elfk_elf_file_pages()).
 */
#ifndef LOADBENCH_H
#define LOADBENCH_H

#include <stddef.h>

#include "core.h"

/**
 * struct bench_file - a file as the image to parse
 * @path: its name
 * @fd: open while mapped, else -1
 * @image: the mapping (map) or the malloc()ed copy (copy)
 * @size: its size
 */
struct bench_file {
	const char *path;
	int fd;
	void *image;
	size_t size;
};

int bench_file_map(struct bench_file *f, const char *path);
void bench_file_unmap(struct bench_file *f);

/**
 * struct bench_mem - the object's memory
 * @fd: the file to map segments from, or -1: anonymous only (copy)
 * @map: the reservation (vsize plus slack for an alignment above a page)
 * @map_len: its length
 * @pages: bytes mapped from the file in place
 */
struct bench_mem {
	int fd;
	void *map;
	size_t map_len;
	size_t pages;
};

int bench_mem_alloc(struct bench_mem *m, struct elfk_elf *elf, void **base);
void bench_mem_free(struct bench_mem *m);

#endif
