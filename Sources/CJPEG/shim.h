// libjpeg-turbo's API for the Photos module. jpeglib.h uses FILE and size_t without
// including the headers that declare them, so <stdio.h> must come first.
#ifndef CJPEG_SHIM_H
#define CJPEG_SHIM_H

#include <stdio.h>
#include <jpeglib.h>

#endif
