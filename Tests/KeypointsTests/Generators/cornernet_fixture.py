# Independent NumPy statement of CornerNet's kp_detection rules (numpy 1.x promotion: float32
# detection × Python float ratio evaluated in float64), used only for expected test values.
import numpy as np, math, json
rng=np.random.default_rng(5)
def radius_corrected(h,w,t=0.3):
    b1=h+w; c1=w*h*(1-t)/(1+t); r1=(b1-np.sqrt(b1**2-4*c1))/2
    b2=2*(h+w); c2=(1-t)*w*h; r2=(b2-np.sqrt(b2**2-16*c2))/8
    a3=4*t; b3=-2*t*(h+w); c3=(t-1)*w*h; r3=(b3+np.sqrt(b3**2-4*a3*c3))/(2*a3)
    return min(r1,r2,r3)
def g2d(d):
    s=d/6; m=(d-1)/2
    y,x=np.ogrid[-m:m+1,-m:m+1]
    h=np.exp(-(x*x+y*y)/(2*s*s)); h[h<np.finfo(h.dtype).eps*h.max()]=0
    return h
def stamp(hm,x,y,r):
    g=g2d(2*r+1); H,W=hm.shape
    l,ri=min(x,r),min(W-x,r+1); t,b=min(y,r),min(H-y,r+1)
    np.maximum(hm[y-t:y+b,x-l:x+ri],g[r-t:r+b,r-l:r+ri],out=hm[y-t:y+b,x-l:x+ri])
W=H=511; ow=oh=128; wr=ow/W; hr=oh/H
tl=np.zeros((2,oh,ow),np.float32); br=np.zeros((2,oh,ow),np.float32)
boxes=[];labels=[];objs=[]
for i in range(12):
    x0=float(np.float32(rng.uniform(-40,W)));y0=float(np.float32(rng.uniform(-40,H)))
    x1=float(np.float32(x0+rng.uniform(1,240)));y1=float(np.float32(y0+rng.uniform(1,240)))
    boxes.append([x0,y0,x1,y1]); lab=int(rng.integers(0,2)); labels.append(lab)
    d=np.array([x0,y0,x1,y1],np.float32)
    d[[0,2]]=np.clip(d[[0,2]],0,W-1); d[[1,3]]=np.clip(d[[1,3]],0,H-1)
    if not ((d[2]-d[0])>0 and (d[3]-d[1])>0): objs.append(None); continue
    fx0=float(d[0])*wr; fy0=float(d[1])*hr; fx1=float(d[2])*wr; fy1=float(d[3])*hr
    cx0,cy0,cx1,cy1=int(fx0),int(fy0),int(fx1),int(fy1)
    w=math.ceil(float(d[2]-d[0])*wr); h=math.ceil(float(d[3]-d[1])*hr)
    r=max(0,int(radius_corrected(h,w)))
    stamp(tl[lab],cx0,cy0,r); stamp(br[lab],cx1,cy1,r)
    objs.append(dict(tl=[cx0,cy0],br=[cx1,cy1],r=r,tlo=[float(np.float32(fx0-cx0)),float(np.float32(fy0-cy0))],bro=[float(np.float32(fx1-cx1)),float(np.float32(fy1-cy1))]))
print(json.dumps(dict(boxes=boxes,labels=labels,objects=objs,tl=[float(tl[c].astype(np.float64).sum()) for c in range(2)],br=[float(br[c].astype(np.float64).sum()) for c in range(2)])))
