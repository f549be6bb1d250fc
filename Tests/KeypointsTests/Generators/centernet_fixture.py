# Independent re-statement of ctdet.py's rules in NumPy (float32 maps, float64 radius/Gaussian),
# used only to produce expected values for the Swift tests.
import numpy as np, math, json
rng = np.random.default_rng(11)
def radius_original(h, w, t=0.7):
    b1=h+w; c1=w*h*(1-t)/(1+t); r1=(b1+np.sqrt(b1**2-4*c1))/2
    b2=2*(h+w); c2=(1-t)*w*h; r2=(b2+np.sqrt(b2**2-16*c2))/2
    a3=4*t; b3=-2*t*(h+w); c3=(t-1)*w*h; r3=(b3+np.sqrt(b3**2-4*a3*c3))/2
    return min(r1,r2,r3)
def g2d(d):
    s=d/6; m=(d-1)/2
    y,x=np.ogrid[-m:m+1,-m:m+1]
    h=np.exp(-(x*x+y*y)/(2*s*s)); h[h<np.finfo(h.dtype).eps*h.max()]=0
    return h
def stamp(hm, c, r):
    g=g2d(2*r+1); x,y=int(c[0]),int(c[1]); H,W=hm.shape
    l,ri=min(x,r),min(W-x,r+1); t,b=min(y,r),min(H-y,r+1)
    mh=hm[y-t:y+b,x-l:x+ri]; mg=g[r-t:r+b,r-l:r+ri]
    if min(mg.shape)>0 and min(mh.shape)>0: np.maximum(mh,mg,out=mh)
def targets(boxes, labels, W, H, C):
    ow,oh=W//4,H//4; k=ow/W
    hm=np.zeros((C,oh,ow),np.float32); objs=[]
    for bb,lab in zip(boxes,labels):
        b=np.array(bb,np.float32)
        b[0]=np.float32((float(b[0])-W/2)*k+ow/2); b[2]=np.float32((float(b[2])-W/2)*k+ow/2)
        b[1]=np.float32((float(b[1])-H/2)*k+oh/2); b[3]=np.float32((float(b[3])-H/2)*k+oh/2)
        b[[0,2]]=np.clip(b[[0,2]],0,ow-1); b[[1,3]]=np.clip(b[[1,3]],0,oh-1)
        h,w=b[3]-b[1],b[2]-b[0]
        if not (h>0 and w>0): objs.append(None); continue
        r=max(0,int(radius_original(math.ceil(h),math.ceil(w))))
        ct=np.array([(b[0]+b[2])/2,(b[1]+b[3])/2],np.float32); ci=ct.astype(np.int32)
        stamp(hm[lab],ci,r)
        off=(ct-ci).astype(np.float32)
        objs.append(dict(cell=[int(ci[0]),int(ci[1])],radius=r,center=[float(ct[0]),float(ct[1])],offset=[float(off[0]),float(off[1])],wh=[float(w),float(h)],index=int(ci[1]*ow+ci[0])))
    return hm,objs
out=[]
for (W,H) in [(512,512),(1066,801)]:
    boxes=[]; labels=[]
    for i in range(14):
        x0=float(np.float32(rng.uniform(-60,W)));y0=float(np.float32(rng.uniform(-60,H)))
        bw=float(np.float32(rng.uniform(1,260)));bh=float(np.float32(rng.uniform(1,260)))
        boxes.append([x0,y0,float(np.float32(x0+bw)),float(np.float32(y0+bh))]); labels.append(int(rng.integers(0,3)))
    hm,objs=targets(boxes,labels,W,H,3)
    probes=[]
    for o in objs:
        if o is None: continue
        x,y=o['cell']
        for dx,dy in [(1,0),(0,-2),(3,1)]:
            xx,yy=x+dx,y+dy
            if 0<=xx<hm.shape[2] and 0<=yy<hm.shape[1]:
                for c in range(3): probes.append([c,xx,yy,float(hm[c,yy,xx])])
    out.append(dict(W=W,H=H,boxes=boxes,labels=labels,objects=objs,sums=[float(hm[c].astype(np.float64).sum()) for c in range(3)],probes=probes[:30]))
print(json.dumps(out))
