// SPDX-License-Identifier: GPL-2.0
/*
 * elfk: load ELF objects into the kernel, as trusted as a module, or in
 * verified mode confined to a sandbox whose code the kernel checks at LOAD
 * (Documentation/threat-model.rst, Documentation/verified-mode.rst).
 *
 * Copyright (C) 2026 The elfk authors
 */
#include <linux/module.h>

#include "internal.h"

static int __init elfk_init_module(void)
{
	int err;

	err = elfk_symtab_init();
	if (err)
		return err;
	err = elfk_registry_init();
	if (err)
		return err;
	err = elfk_tls_init();
	if (err)
		goto err_registry;
	err = elfk_device_register();
	if (err)
		goto err_tls;
	elfk_debugfs_init();
	pr_info("ready: /dev/elfload (%s)\n", elfk_arch_ops.name);
	return 0;

err_tls:
	elfk_tls_exit();
err_registry:
	elfk_registry_exit();
	return err;
}

static void __exit elfk_exit_module(void)
{
	unsigned int busy;

	elfk_device_unregister();
	elfk_debugfs_exit();
	busy = elfk_registry_unload_all();
	/* Holders pin this module, so nothing can still be busy here. */
	WARN_ON(busy);
	elfk_mem_exit();
	elfk_tls_exit();
	elfk_registry_exit();
}

module_init(elfk_init_module);
module_exit(elfk_exit_module);

MODULE_DESCRIPTION("Load ELF objects into the kernel through /dev/elfload");
MODULE_AUTHOR("The elfk authors");
MODULE_LICENSE("GPL");
