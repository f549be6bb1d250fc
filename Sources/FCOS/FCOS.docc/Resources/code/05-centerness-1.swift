import FCOS

// Centerness (paper Eq. 3): sqrt(min(l,r)/max(l,r) · min(t,b)/max(t,b)).
let middle = LTRB(l: 80, t: 60, r: 80, b: 60)
let offCentre = LTRB(l: 34, t: 58, r: 136, b: 162)
print(Centerness.value(middle))  // 1: the centre of its box
print(Centerness.value(offCentre))
