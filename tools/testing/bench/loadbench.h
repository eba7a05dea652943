/* SPDX-License-Identifier: GPL-2.0 */
/*
 * loadbench's two ways of giving the core an object, shared by
 * loadbench.c and loadbench_bind.c.
 *
 * copy: the file was read once into malloc()ed memory; the core places
 *       it in fresh anonymous memory, copying every byte (elfk's way
 *       before issue 14's item 2).
 * map:  as ld.so (tools/lib/elfk/fmap.c, which libelfk's check uses too):
 *       the file is mapped PROT_READ as the image to parse; each segment's
 *       file span (elfk_elf_file_span()) is the file's own pages, a
 *       read-only segment's mapped with its final permission (the core's
 *       protect steps skip it), a writable one's copy-on-write; .bss and
 *       what is not the file's stay anonymous zeroes that placing fills.
 *       When the file's layout is the object's (GNU ld's), the object is
 *       laid over the image's own mapping: the pages the parser faulted
 *       are the object's, and the image is not unmapped.
 */
#ifndef LOADBENCH_H
#define LOADBENCH_H

#include <stddef.h>

#include "core.h"
#include "elfk/fmap.h"

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
void bench_file_unmap(struct bench_file *f, const struct elfk_fmap *mem);

void bench_mem_init(struct elfk_fmap *m, const struct bench_file *f);

#endif
