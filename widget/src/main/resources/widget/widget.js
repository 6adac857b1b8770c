/* Hearth loader: docs/widget.md */
(function(d,w){var s=d.currentScript,h=new URL(s.src).origin,q=new URLSearchParams(s.dataset),f,c,
p=m=>{f.title=m.t||'Chat';f.style.cssText='position:fixed;bottom:8px;z-index:2147483647;border:0;color-scheme:normal;max-width:96%;max-height:96%;'+(m.left?'left':'right')+':8px;width:'+(m.w&511)+'px;height:'+(m.h&1023)+'px'}
if(w.hearthLoaded)return;w.hearthLoaded=1;
/^[a-z0-9][a-z0-9-]{0,39}$/.test(q.get('program'))||q.delete('program')
f=d.createElement('iframe');f.id='hearth-chat';f.src=h+'/w/?'+q;p(0)
f.allow='camera;microphone';f.referrerPolicy='no-referrer';(d.body||d.documentElement).appendChild(f);c=f.contentWindow
w.addEventListener('message',e=>{var m=e.data||0,u=m.url
e.source==c&&e.origin==h&&(m.type=='hearth:size'?p(m):m.type=='hearth:exit'&&location.replace(/^https?:\/\//i.test(u)?u:'about:blank'))})
d.addEventListener('keydown',e=>{e.key=='Escape'&&c.postMessage('hearth:escape',h)},!0)})(document,window)
