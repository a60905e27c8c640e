/* SPDX-License-Identifier: GPL-2.0 */
/* Scratch buffers of PATH_MAX bytes, kept per CPU (see pathbuf.c). */
#ifndef _DMZG_PATHBUF_H
#define _DMZG_PATHBUF_H

char *dmzg_path_buf_get(void);
void dmzg_path_buf_put(char *buf);
void dmzg_path_buf_exit(void);

#endif /* _DMZG_PATHBUF_H */
