// The Cairo headers the Canvas module needs: the core API plus the PDF and SVG
// surfaces. PNG support lives in cairo.h itself.
#ifndef CCAIRO_SHIM_H
#define CCAIRO_SHIM_H

#include <cairo.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>

#endif
